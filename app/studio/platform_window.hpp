#pragma once
// The GLFW window with its OpenGL 3.3 core context and Dear ImGui, as one RAII object:
// created first and destroyed last, so GL objects never outlive the context.

#include <GLFW/glfw3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace smp::studio {

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
  void begin_frame();
  void end_frame();  // renders ImGui (the scene has been drawn before)
  void swap();

 private:
  static void on_drop(GLFWwindow* window, int count, const char** paths);
  GLFWwindow* window_ = nullptr;
  float content_scale_ = 1.0f;
  std::vector<std::filesystem::path> dropped_;
  std::string title_;
};

}  // namespace smp::studio
