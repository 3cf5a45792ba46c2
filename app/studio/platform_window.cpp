#include <epoxy/gl.h>  // before GLFW: epoxy provides the GL declarations

#include "platform_window.hpp"

#include "theme.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace smp::studio {

PlatformWindow::PlatformWindow(int width, int height, const std::string& title) : title_(title) {
  if (!glfwInit()) throw std::runtime_error("cannot start GLFW (is there a display? set DISPLAY or use xvfb-run)");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // HiDPI on Windows/X11
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot create an OpenGL 3.3 window");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  glfwSetWindowUserPointer(window_, this);
  glfwSetDropCallback(window_, &PlatformWindow::on_drop);

  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window_, &sx, &sy);
  content_scale_ = std::max(sx, 1.0f);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; no imgui.ini litter
  apply_theme(content_scale_, glyphs_);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  // Ours in front of ImGui's key callback, which it forwards to (see on_key).
  imgui_on_key_ = glfwSetKeyCallback(window_, &PlatformWindow::on_key);
  imgui_on_mouse_button_ = glfwSetMouseButtonCallback(window_, &PlatformWindow::on_mouse_button);
  ImGui_ImplOpenGL3_Init("#version 330");
}

PlatformWindow::~PlatformWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void PlatformWindow::set_title(const std::string& title) {
  if (title == title_) return;
  title_ = title;
  glfwSetWindowTitle(window_, title.c_str());
}

std::vector<std::filesystem::path> PlatformWindow::take_dropped() { return std::exchange(dropped_, {}); }

void PlatformWindow::on_drop(GLFWwindow* window, int count, const char** paths) {
  auto* self = static_cast<PlatformWindow*>(glfwGetWindowUserPointer(window));
  for (int i = 0; i < count; ++i) self->dropped_.emplace_back(paths[i]);
}

std::vector<KeyPress> PlatformWindow::take_key_presses() { return std::exchange(keys_, {}); }
std::vector<MouseClick> PlatformWindow::take_clicks() { return std::exchange(clicks_, {}); }

void PlatformWindow::on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
  auto* self = static_cast<PlatformWindow*>(glfwGetWindowUserPointer(window));
  if (action == GLFW_PRESS) {
    MouseClick c{button, mods, glfwGetTime(), 0, 0};
    glfwGetCursorPos(window, &c.x, &c.y);
    self->clicks_.push_back(c);
  }
  if (self->imgui_on_mouse_button_) self->imgui_on_mouse_button_(window, button, action, mods);
}

// ImGui 1.86 samples key states once per frame, so a press and release between two frames
// (a quick Return or Ctrl+A while a big photo makes frames slow) would never be seen. A
// release of a key pressed since the last frame is held back until a frame has seen the
// key down ("trickling" one transition per key and frame).
void PlatformWindow::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  auto* self = static_cast<PlatformWindow*>(glfwGetWindowUserPointer(window));
  if (action == GLFW_PRESS || action == GLFW_REPEAT) self->keys_.push_back({key, mods, action == GLFW_REPEAT});
  const bool unseen_press = std::find(self->pressed_since_frame_.begin(), self->pressed_since_frame_.end(), key) !=
                            self->pressed_since_frame_.end();
  if (action == GLFW_RELEASE && unseen_press) {
    self->held_releases_.push_back({key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) self->pressed_since_frame_.push_back(key);
  if (self->imgui_on_key_) self->imgui_on_key_(window, key, scancode, action, mods);
}

bool PlatformWindow::input_pending() const { return !held_releases_.empty() || !releases_due_.empty(); }

void PlatformWindow::begin_frame() {
  // Releases held back last time: the previous frame saw their keys down. They reach ImGui
  // before this frame starts (never inside a frame: ImGui checks its modifier state).
  for (const HeldRelease& r : std::exchange(releases_due_, {}))
    if (imgui_on_key_) imgui_on_key_(window_, r.key, r.scancode, GLFW_RELEASE, r.mods);
  releases_due_ = std::exchange(held_releases_, {});  // this frame sees those keys down
  pressed_since_frame_.clear();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void PlatformWindow::end_frame() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void PlatformWindow::swap() { glfwSwapBuffers(window_); }

}  // namespace smp::studio
