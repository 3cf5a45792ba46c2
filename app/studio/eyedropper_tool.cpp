// The shade eyedropper on the canvas: drag a rectangle (or click) over the client's own
// stubble or remaining hair; on release the plan's shade is set to match it (one undo step).

#include "actions.hpp"
#include "core/eyedropper.hpp"
#include "tools.hpp"

#include <cmath>
#include <cstdio>
#include <exception>

namespace smp::studio {

void eyedropper_tool(AppState& app, const CanvasContext& ctx) {
  EyedropperDrag& e = app.eyedropper;
  if (ctx.hovered && !ctx.panning) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  if (ctx.hovered && !ctx.panning && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    e.active = true;
    e.start = ctx.mouse_photo();
  }
  if (!e.active) return;
  const cv::Point2d end = ctx.mouse_photo();
  const cv::Rect region = eyedropper_region(e.start, end, app.doc.plan.calibration.px_per_mm, app.doc.photo.size(),
                                            4.0 / std::max(ctx.view.zoom, 1e-9));
  if (!region.empty()) {
    const ImVec2 a = ctx.to_screen({static_cast<double>(region.x), static_cast<double>(region.y)});
    const ImVec2 b = ctx.to_screen({static_cast<double>(region.x + region.width), static_cast<double>(region.y + region.height)});
    ctx.draw->AddRect(a, b, IM_COL32(0, 0, 0, 200), 0, 0, 3.0f * ctx.ui_scale);
    ctx.draw->AddRect(a, b, IM_COL32(120, 230, 255, 255), 0, 0, 1.5f * ctx.ui_scale);
  }
  if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
  e.active = false;
  if (region.empty()) {
    toast(app, "The eyedropper needs a region on the photo.", 4.0, Level::Warning);
    return;
  }
  try {
    const double dilution = eyedropper_shade(app.doc.photo, region, app.doc.plan, app.appearance);
    app.doc.plan.params.pigment.dilution_pct = dilution;
    mark_plan_changed(app);
    char text[160];
    std::snprintf(text, sizeof text, "Shade %.0f %% strength: matches the picked region", 100.0 - dilution);
    toast(app, text, 6.0);
  } catch (const std::exception& ex) {
    toast(app, std::string("The eyedropper could not match the region: ") + ex.what(), 6.0, Level::Warning);
  }
}

}  // namespace smp::studio
