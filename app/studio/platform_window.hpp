#pragma once
// The GLFW window with its OpenGL 3.3 core context and Dear ImGui, as one RAII object:
// created first and destroyed last, so GL objects never outlive the context.

#include <epoxy/gl.h>  // before GLFW, which would otherwise pull in the system GL header
#include <GLFW/glfw3.h>

#include "core/mouse_click.hpp"
#include "theme.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace smp::studio {

// A key press as GLFW reported it. Kept in a queue because ImGui 1.86 samples key state
// once per frame and loses a press and release that both fall between two slow frames.
struct KeyPress {
  int key = 0;
  int mods = 0;  // GLFW_MOD_* bits
  bool repeat = false;  // auto-repeat while held
};

class PlatformWindow {
 public:
  PlatformWindow(int width, int height, const std::string& title);
  ~PlatformWindow();
  PlatformWindow(const PlatformWindow&) = delete;
  PlatformWindow& operator=(const PlatformWindow&) = delete;

  GLFWwindow* handle() const { return window_; }
  float content_scale() const { return content_scale_; }  // HiDPI: 2 on a "retina" screen
  void set_title(const std::string& title);

  // Files dropped onto the window since the last call.
  std::vector<std::filesystem::path> take_dropped();
  std::vector<KeyPress> take_key_presses();
  std::vector<MouseClick> take_clicks();
  bool input_pending() const;  // key releases wait for the next frame: do not sleep
  void begin_frame();
  void end_frame();  // renders ImGui (the scene has been drawn before)
  void swap();

 private:
  static void on_drop(GLFWwindow* window, int count, const char** paths);
  static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
  static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
  GLFWwindow* window_ = nullptr;
  float content_scale_ = 1.0f;
  std::vector<std::filesystem::path> dropped_;
  std::vector<KeyPress> keys_;
  struct HeldRelease {
    int key, scancode, mods;
  };
  GLFWkeyfun imgui_on_key_ = nullptr;
  GLFWmousebuttonfun imgui_on_mouse_button_ = nullptr;
  std::vector<MouseClick> clicks_;
  std::vector<int> pressed_since_frame_;
  std::vector<HeldRelease> held_releases_;  // since the last frame, their press unseen yet
  std::vector<HeldRelease> releases_due_;   // their press seen by the last frame: send next
  std::string title_;
  FontGlyphs glyphs_;
};

}  // namespace smp::studio
