#pragma once
// The look: a calm dark theme that keeps attention on the photo, and a readable font with
// the glyphs clients' names need (Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari and
// common Chinese/Japanese).

#include <imgui.h>

namespace smp::studio {

// The glyph ranges the font atlas is built from; ImGui reads them when it builds the
// atlas (at the first frame), so they live as long as the ImGui context.
struct FontGlyphs {
  ImVector<ImWchar> text;  // DejaVu Sans: Latin with its extensions, Greek, Cyrillic
  ImVector<ImWchar> cjk;   // Noto Sans CJK merged in: kana and the common Chinese characters
};

// Sets colours, spacing and the font, scaled by the HiDPI content scale.
void apply_theme(float content_scale, FontGlyphs& glyphs);

}  // namespace smp::studio
