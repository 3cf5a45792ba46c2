#pragma once
// The viewer's own pictures as GL textures: the template picker's diagrams and the window
// icon (bundled PNGs under assets/ui/), and previews of files the person picks. One
// member of AppState, so every texture is deleted before the GL context.

#include "preview_cache.hpp"
#include "ui_texture.hpp"

#include "smp/sim/plan.hpp"

#include <array>
#include <string>
#include <vector>

struct GLFWwindow;

namespace smp::studio {

struct AppState;

struct UiPictures {
  // Per ViewKind (Top, Front), in picker order; an empty texture shows the name instead.
  std::array<std::vector<UiTexture>, 2> templates;
  std::array<bool, 2> templates_loaded{};
  PreviewCache previews;  // file-browser thumbnails and the clinic logo
  bool icon_set = false;  // the window icon was set from the bundled PNGs
  // What the last frame showed (the layout JSON reports it to tests).
  int thumbnails_drawn = 0, thumbnail_placeholders = 0;
  std::array<int, 2> logo_size{};  // logo preview as drawn, logical px; zero when none
  std::string logo_error;
};

// The picker's diagrams for `view`, loaded on first use; a missing or damaged file is
// reported once in the message channel.
const std::vector<UiTexture>& template_diagrams(AppState& app, sim::ViewKind view);

// Sets the window icon from the bundled PNGs (every size); a failure is one message.
void set_window_icon(AppState& app, GLFWwindow* window);

// The preview size of file-browser thumbnails, px.
constexpr int kThumbnailSide = 96;

}  // namespace smp::studio
