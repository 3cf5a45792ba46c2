#include "ui_pictures.hpp"

#include "app_state.hpp"
#include "ui_assets.hpp"

#include <GLFW/glfw3.h>

namespace smp::studio {

namespace {

UiImage load_bundled(const std::filesystem::path& relative) {
  const auto path = app::find_asset(relative);
  if (!path) throw UiImageError(relative.string() + ": bundled picture not found (assets folder missing or incomplete)");
  return load_ui_image(*path);
}

}  // namespace

const std::vector<UiTexture>& template_diagrams(AppState& app, sim::ViewKind view) {
  const auto v = static_cast<std::size_t>(view);
  std::vector<UiTexture>& out = app.pictures.templates[v];
  if (app.pictures.templates_loaded[v]) return out;
  app.pictures.templates_loaded[v] = true;
  out.clear();
  std::string problem;
  for (const auto& t : sim::all_hair_loss_templates()) {
    out.emplace_back();
    try {
      out.back().upload(load_bundled(app::template_diagram_asset(t, view)), app.options.gl_checks);
    } catch (const UiImageError& e) {
      if (problem.empty()) problem = e.what();
    }
  }
  if (!problem.empty()) toast(app, "Template diagrams: " + problem, 8.0, Level::Warning);
  return out;
}

void set_window_icon(AppState& app, GLFWwindow* window) {
  std::vector<UiImage> images;
  try {
    for (int size : app::window_icon_sizes()) images.push_back(load_bundled(app::window_icon_asset(size)));
  } catch (const UiImageError& e) {
    toast(app, std::string("Window icon: ") + e.what(), 8.0, Level::Warning);
    return;
  }
  std::vector<GLFWimage> glfw;
  for (UiImage& img : images) glfw.push_back({img.width, img.height, img.rgba.data()});
  glfwSetWindowIcon(window, static_cast<int>(glfw.size()), glfw.data());  // GLFW copies the pixels
  app.pictures.icon_set = true;
}

}  // namespace smp::studio
