#include "theme.hpp"

#include <imgui.h>

#include <filesystem>

namespace smp::studio {

namespace {

bool is_file(const char* path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

}  // namespace

void apply_theme(float scale, FontGlyphs& glyphs) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontGlyphRangesBuilder text;
  text.AddRanges(io.Fonts->GetGlyphRangesDefault());
  text.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
  static constexpr ImWchar kLatinExtendedAndGreek[] = {0x0100, 0x024F, 0x0370, 0x03FF, 0x1E00, 0x1EFF, 0};
  text.AddRanges(kLatinExtendedAndGreek);
  text.BuildRanges(&glyphs.text);
  // DejaVu Sans is on nearly every Linux desktop; fall back to ImGui's built-in font.
  bool loaded = false;
  for (const char* f : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"}) {
    if (is_file(f) && io.Fonts->AddFontFromFileTTF(f, 15.0f * scale, nullptr, glyphs.text.Data)) {
      loaded = true;
      break;
    }
  }
  if (!loaded) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&cfg);
  }
  // Arabic, Hebrew and Devanagari letters from Noto (fonts-noto-core), merged in so a name
  // never shows as '?'. ImGui neither joins nor reorders them: the exports and the report
  // (Pango) show such names properly.
  struct Merged {
    const char* file;
    ImWchar ranges[3];
  };
  static constexpr Merged kScripts[] = {{"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", {0x0600, 0x06FF, 0}},
                                        {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", {0x0590, 0x05FF, 0}},
                                        {"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", {0x0900, 0x097F, 0}}};
  for (const Merged& m : kScripts) {
    if (!is_file(m.file)) continue;
    ImFontConfig merge;
    merge.MergeMode = true;
    io.Fonts->AddFontFromFileTTF(m.file, 15.0f * scale, &merge, m.ranges);
  }
  // Chinese and Japanese names from Noto Sans CJK (fonts-noto-cjk), merged into the font.
  const char* cjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  if (is_file(cjk)) {
    ImFontGlyphRangesBuilder ranges;
    ranges.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    static constexpr ImWchar kKana[] = {0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
    ranges.AddRanges(kKana);
    ranges.BuildRanges(&glyphs.cjk);
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = 2;  // the collection's Simplified Chinese face
    merge.OversampleH = 1;  // thousands of glyphs: keep the atlas small
    io.Fonts->AddFontFromFileTTF(cjk, 15.0f * scale, &merge, glyphs.cjk.Data);
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
  // Tabs (a project's views): the selected one in the bright accent, the others close to the
  // background. The tab bar's window rarely has the focus, so the unfocused colours are the
  // same as the focused ones (ImGui would otherwise dim the selected tab toward the others).
  c[ImGuiCol_Tab] = {0.19f, 0.21f, 0.23f, 1.0f};
  c[ImGuiCol_TabHovered] = {0.28f, 0.47f, 0.55f, 1.0f};
  c[ImGuiCol_TabActive] = {0.33f, 0.60f, 0.69f, 1.0f};
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_SliderGrab] = {0.40f, 0.68f, 0.76f, 1.0f};
  c[ImGuiCol_SliderGrabActive] = {0.50f, 0.78f, 0.86f, 1.0f};
  c[ImGuiCol_CheckMark] = {0.50f, 0.80f, 0.88f, 1.0f};
  s.ScaleAllSizes(scale);
}

}  // namespace smp::studio
