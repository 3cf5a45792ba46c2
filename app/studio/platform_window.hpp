#pragma once
// The GLFW window with its OpenGL 3.3 core context and Dear ImGui, as one RAII object:
// created first and destroyed last, so GL objects never outlive the context.

#include <epoxy/gl.h>  // before GLFW, which would otherwise pull in the system GL header
#include <GLFW/glfw3.h>

#include "core/key_event_queue.hpp"
#include "core/mouse_click.hpp"
#include "theme.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace smp::studio {

// A key press as GLFW reported it, in the frame ImGui is given it (shortcuts read them in order).
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
  // Gives ImGui this frame's share of the typed keys and characters (KeyEventQueue), before
  // the frame starts; the key presses among them are then take_key_presses()'s.
  void deliver_input();
  std::vector<KeyPress> take_key_presses();
  std::vector<MouseClick> take_clicks();
  bool input_pending() const;  // typed events wait for a later frame: do not sleep
  void begin_frame();
  void end_frame();  // renders ImGui (the scene has been drawn before)
  void swap();

 private:
  static void on_drop(GLFWwindow* window, int count, const char** paths);
  static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
  static void on_char(GLFWwindow* window, unsigned codepoint);
  static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
  GLFWwindow* window_ = nullptr;
  float content_scale_ = 1.0f;
  std::vector<std::filesystem::path> dropped_;
  std::vector<KeyPress> keys_;
  KeyEventQueue typed_;
  GLFWkeyfun imgui_on_key_ = nullptr;
  GLFWcharfun imgui_on_char_ = nullptr;
  GLFWmousebuttonfun imgui_on_mouse_button_ = nullptr;
  std::vector<MouseClick> clicks_;
  std::string title_;
  FontGlyphs glyphs_;
};

}  // namespace smp::studio
