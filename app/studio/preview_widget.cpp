// Drawing a preview from the PreviewCache, or its placeholder.

#include "preview_cache.hpp"

#include <imgui.h>

#include <algorithm>

namespace smp::studio {

bool draw_preview(const Preview* preview, ImVec2 min, ImVec2 box) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 max(min.x + box.x, min.y + box.y);
  if (preview && !preview->texture.empty()) {
    const ImVec2 size = preview->texture.fit(box.x, box.y);
    const ImVec2 at(min.x + (box.x - size.x) / 2, min.y + (box.y - size.y) / 2);
    draw->AddImage(preview->texture.imgui_id(), at, {at.x + size.x, at.y + size.y});
    return true;
  }
  draw->AddRectFilled(min, max, IM_COL32(60, 62, 66, 255), 3.0f);
  if (preview) {  // cannot be shown: crossed out
    const ImU32 red = IM_COL32(220, 110, 90, 255);
    const float r = std::min(box.x, box.y) * 0.2f;
    const ImVec2 c((min.x + max.x) / 2, (min.y + max.y) / 2);
    draw->AddLine({c.x - r, c.y - r}, {c.x + r, c.y + r}, red, 2.0f);
    draw->AddLine({c.x + r, c.y - r}, {c.x - r, c.y + r}, red, 2.0f);
  }
  return false;
}

}  // namespace smp::studio
