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
  // Ours in front of ImGui's key and character callbacks, which deliver_input calls.
  imgui_on_key_ = glfwSetKeyCallback(window_, &PlatformWindow::on_key);
  imgui_on_char_ = glfwSetCharCallback(window_, &PlatformWindow::on_char);
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

// Typed keys and characters are queued in order and reach ImGui a frame's worth at a time
// (see KeyEventQueue): ImGui 1.86 would otherwise apply a quick Ctrl+A or Return out of
// order with the characters around it, or miss a press and release between two frames.
void PlatformWindow::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  static_cast<PlatformWindow*>(glfwGetWindowUserPointer(window))->typed_.push_key(key, scancode, action, mods);
}

void PlatformWindow::on_char(GLFWwindow* window, unsigned codepoint) {
  static_cast<PlatformWindow*>(glfwGetWindowUserPointer(window))->typed_.push_char(codepoint);
}

void PlatformWindow::deliver_input() {
  for (const InputEvent& e : typed_.take_frame()) {
    if (e.kind == InputEvent::Kind::Char) {
      if (imgui_on_char_) imgui_on_char_(window_, e.codepoint);
      continue;
    }
    if (e.action == GLFW_PRESS || e.action == GLFW_REPEAT) keys_.push_back({e.key, e.mods, e.action == GLFW_REPEAT});
    if (imgui_on_key_) imgui_on_key_(window_, e.key, e.scancode, e.action, e.mods);
    // ImGui's backend counts the modifier keys it has been given; a key is seen with the
    // modifiers it was pressed with instead, even when a modifier's own press never reached
    // ImGui (held before the window had the focus, or dropped by GLFW). A modifier key's
    // event keeps the backend's count: GLFW's mods leave out that key's own change on X11.
    if (!is_modifier_key(e.key)) {
      ImGuiIO& io = ImGui::GetIO();
      io.KeyCtrl = (e.mods & GLFW_MOD_CONTROL) != 0;
      io.KeyShift = (e.mods & GLFW_MOD_SHIFT) != 0;
      io.KeyAlt = (e.mods & GLFW_MOD_ALT) != 0;
      io.KeySuper = (e.mods & GLFW_MOD_SUPER) != 0;
    }
  }
}

bool PlatformWindow::input_pending() const { return !typed_.empty(); }

void PlatformWindow::begin_frame() {
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
