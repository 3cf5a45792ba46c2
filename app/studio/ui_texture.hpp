#pragma once
// A GL texture holding one of the viewer's own pictures (RGBA from core/ui_image), for
// ImGui::Image. Owns its texture name (RAII, move-only); main thread only.

#include "core/ui_image.hpp"
#include "smp/render/gl/gl_handle.hpp"

#include <imgui.h>

namespace smp::studio {

class UiTexture {
 public:
  // Replaces the contents (linear filtering, no mipmaps, clamped edges). Restores the
  // texture binding and unpack alignment it changes.
  void upload(const UiImage& image, bool check_errors = false);
  void clear() { texture_.reset(); width_ = height_ = 0; }
  bool empty() const { return !texture_; }
  int width() const { return width_; }
  int height() const { return height_; }
  ImTextureID imgui_id() const;
  // Display size that fits max_w x max_h logical px, aspect kept (never enlarged past 2x).
  ImVec2 fit(float max_w, float max_h) const;

 private:
  render::gl::Texture texture_;
  int width_ = 0, height_ = 0;
};

}  // namespace smp::studio
