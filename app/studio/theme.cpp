#include "theme.hpp"

#include <imgui.h>

#include <filesystem>

namespace smp::studio {

void apply_theme(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  // DejaVu Sans is on nearly every Linux desktop; fall back to ImGui's built-in font.
  const char* candidates[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                              "/usr/share/fonts/TTF/DejaVuSans.ttf"};
  bool loaded = false;
  for (const char* f : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(f, ec) && io.Fonts->AddFontFromFileTTF(f, 15.0f * scale)) {
      loaded = true;
      break;
    }
  }
  if (!loaded) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&cfg);
  }

  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 4;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.PopupRounding = 4;
  s.WindowBorderSize = 0;
  s.FramePadding = {8, 5};
  s.ItemSpacing = {8, 7};
  s.WindowPadding = {12, 10};
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = {0.14f, 0.145f, 0.155f, 1.0f};
  c[ImGuiCol_MenuBarBg] = {0.12f, 0.125f, 0.135f, 1.0f};
  c[ImGuiCol_Header] = {0.22f, 0.36f, 0.42f, 0.8f};
  c[ImGuiCol_HeaderHovered] = {0.26f, 0.44f, 0.52f, 0.9f};
  c[ImGuiCol_HeaderActive] = {0.28f, 0.50f, 0.58f, 1.0f};
  c[ImGuiCol_Button] = {0.22f, 0.36f, 0.42f, 0.8f};
  c[ImGuiCol_ButtonHovered] = {0.28f, 0.47f, 0.55f, 1.0f};
  c[ImGuiCol_ButtonActive] = {0.31f, 0.55f, 0.63f, 1.0f};
  c[ImGuiCol_FrameBg] = {0.20f, 0.21f, 0.23f, 1.0f};
  c[ImGuiCol_SliderGrab] = {0.40f, 0.68f, 0.76f, 1.0f};
  c[ImGuiCol_SliderGrabActive] = {0.50f, 0.78f, 0.86f, 1.0f};
  c[ImGuiCol_CheckMark] = {0.50f, 0.80f, 0.88f, 1.0f};
  s.ScaleAllSizes(scale);
}

}  // namespace smp::studio
