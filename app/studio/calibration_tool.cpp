// Calibration: click two points a known distance apart on the scalp, type the distance.

#include "tools.hpp"

#include <cmath>
#include <cstdio>

namespace smp::studio {

void calibration_tool(AppState& app, const CanvasContext& ctx) {
  Calibration& c = app.calibration;
  if (ctx.hovered && !ctx.panning && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !c.ask) {
    if (c.clicks.size() >= 2) c.clicks.clear();
    c.clicks.push_back(ctx.mouse_photo());
    if (c.clicks.size() == 2) c.ask = true;
  }
  const ImU32 col = IM_COL32(255, 120, 200, 255);
  std::vector<ImVec2> pts;
  for (const auto& p : c.clicks) pts.push_back(ctx.to_screen(p));
  if (pts.size() == 1 && ctx.hovered) pts.push_back(ImGui::GetIO().MousePos);
  if (pts.size() == 2) {
    ctx.draw->AddLine(pts[0], pts[1], IM_COL32(0, 0, 0, 160), 4.0f * ctx.ui_scale);
    ctx.draw->AddLine(pts[0], pts[1], col, 2.0f * ctx.ui_scale);
    const double px = cv::norm(c.clicks.size() == 2 ? c.clicks[1] - c.clicks[0] : ctx.mouse_photo() - c.clicks[0]);
    char label[64];
    std::snprintf(label, sizeof label, "%.0f px = %.1f mm now", px, px / app.doc.plan.calibration.px_per_mm);
    ctx.draw->AddText({pts[1].x + 10 * ctx.ui_scale, pts[1].y}, col, label);
  }
  for (const ImVec2& p : pts) {
    ctx.draw->AddCircle(p, 7 * ctx.ui_scale, col, 0, 2.0f * ctx.ui_scale);
    ctx.draw->AddLine({p.x - 10 * ctx.ui_scale, p.y}, {p.x + 10 * ctx.ui_scale, p.y}, col);
    ctx.draw->AddLine({p.x, p.y - 10 * ctx.ui_scale}, {p.x, p.y + 10 * ctx.ui_scale}, col);
  }
  if (c.ask) {
    ImGui::OpenPopup("Calibrate");
    c.ask = false;
  }
  if (ImGui::BeginPopupModal("Calibrate", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("Real distance between the two points:");
    ImGui::SetNextItemWidth(140 * ctx.ui_scale);
    ImGui::InputDouble("mm", &c.distance_mm, 1.0, 10.0, "%.1f");
    const double px = c.clicks.size() == 2 ? cv::norm(c.clicks[1] - c.clicks[0]) : 0.0;
    const bool valid = c.distance_mm > 0.5 && px > 2.0;
    if (valid) ImGui::Text("Scale: %.2f px/mm", px / c.distance_mm);
    ImGui::BeginDisabled(!valid);
    if (ImGui::Button("Apply", {120 * ctx.ui_scale, 0})) {
      app.doc.plan.calibration = {px / c.distance_mm, true, "two-point"};
      mark_plan_changed(app);
      c.clicks.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", {120 * ctx.ui_scale, 0})) {
      c.clicks.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace smp::studio
