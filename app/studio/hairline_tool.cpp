// The hairline overlay and editor: curve, transition band, midline, draggable points.

#include "core/hairline_edit.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "tools.hpp"

#include <epoxy/gl.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::studio {

namespace {

constexpr ImU32 kLine = IM_COL32(90, 220, 255, 255);
constexpr ImU32 kShadow = IM_COL32(0, 0, 0, 150);
constexpr ImU32 kBand = IM_COL32(90, 220, 255, 45);
constexpr ImU32 kMidline = IM_COL32(255, 210, 90, 200);

std::vector<ImVec2> to_screen(const CanvasContext& ctx, const std::vector<cv::Point2d>& pts) {
  std::vector<ImVec2> out;
  out.reserve(pts.size());
  for (const auto& p : pts) out.push_back(ctx.to_screen(p));
  return out;
}

// The band behind the line where density ramps up: the curve offset toward the back.
void draw_band(const CanvasContext& ctx, const sim::Plan& plan, const std::vector<cv::Point2d>& curve) {
  const double width = plan.params.transition_mm * plan.calibration.px_per_mm;
  const cv::Point2d back = -plan.head.front_dir;
  std::vector<cv::Point2d> inner(curve.size());
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const cv::Point2d t = curve[std::min(i + 1, curve.size() - 1)] - curve[i > 0 ? i - 1 : 0];
    cv::Point2d n(-t.y, t.x);
    const double len = cv::norm(n);
    n = len > 0 ? n * (1.0 / len) : back;
    if (n.dot(back) < 0) n = -n;
    inner[i] = curve[i] + width * n;
  }
  for (std::size_t i = 0; i + 1 < curve.size(); ++i) {
    const ImVec2 quad[4] = {ctx.to_screen(curve[i]), ctx.to_screen(curve[i + 1]), ctx.to_screen(inner[i + 1]),
                            ctx.to_screen(inner[i])};
    ctx.draw->AddConvexPolyFilled(quad, 4, kBand);
  }
  const auto in = to_screen(ctx, inner);
  ctx.draw->AddPolyline(in.data(), static_cast<int>(in.size()), IM_COL32(90, 220, 255, 110), 0, 1.0f * ctx.ui_scale);
}

struct MidlineHandles {
  ImVec2 centre, rotate;
};

MidlineHandles midline_handles(const CanvasContext& ctx, const sim::Plan& plan) {
  const double reach = 0.18 * std::min(plan.photo.width, plan.photo.height);
  return {ctx.to_screen(plan.head.midline_origin), ctx.to_screen(plan.head.midline_origin - reach * plan.head.front_dir)};
}

void draw_midline(const CanvasContext& ctx, const sim::Plan& plan, bool interactive) {
  const double len = std::hypot(plan.photo.width, plan.photo.height);
  const ImVec2 a = ctx.to_screen(plan.head.midline_origin - len * plan.head.front_dir);
  const ImVec2 b = ctx.to_screen(plan.head.midline_origin + len * plan.head.front_dir);
  // Dashed: 10 px on, 6 px off in screen space.
  const float dx = b.x - a.x, dy = b.y - a.y, total = std::hypot(dx, dy);
  for (float s = 0; s < total; s += 16 * ctx.ui_scale) {
    const float e = std::min(s + 10 * ctx.ui_scale, total);
    ctx.draw->AddLine({a.x + dx * s / total, a.y + dy * s / total}, {a.x + dx * e / total, a.y + dy * e / total},
                      kMidline, 1.5f * ctx.ui_scale);
  }
  if (!interactive) return;
  const MidlineHandles h = midline_handles(ctx, plan);
  const float r = 6 * ctx.ui_scale;
  ctx.draw->AddRectFilled({h.centre.x - r, h.centre.y - r}, {h.centre.x + r, h.centre.y + r}, kMidline);
  ctx.draw->AddRect({h.centre.x - r, h.centre.y - r}, {h.centre.x + r, h.centre.y + r}, kShadow);
  ctx.draw->AddCircleFilled(h.rotate, r, kMidline);
  ctx.draw->AddCircle(h.rotate, r, kShadow);
}

float dist(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Mouse handling: drag points or the midline, double-click adds, right-click removes.
void interact(AppState& app, const CanvasContext& ctx, const std::vector<ImVec2>& handles) {
  HairlineEdit& ed = app.hairline;
  sim::Plan& plan = app.doc.plan;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const float pick = 9 * ctx.ui_scale;
  ed.hover = -1;
  float best = pick;
  for (std::size_t i = 0; i < handles.size(); ++i)
    if (const float d = dist(handles[i], mouse); d < best) {
      best = d;
      ed.hover = static_cast<int>(i);
    }
  const MidlineHandles mh = midline_handles(ctx, plan);
  const bool on_centre = app.overlays.midline && ed.hover < 0 && dist(mh.centre, mouse) < pick;
  const bool on_rotate = app.overlays.midline && ed.hover < 0 && dist(mh.rotate, mouse) < pick;

  if (ctx.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (ed.hover >= 0) {
      ed.drag = ed.hover;
    } else if (on_centre || on_rotate) {
      ed.drag_midline = on_centre;
      ed.rotate_midline = on_rotate;
      ed.drag_start_photo = ctx.mouse_photo();
      ed.drag_start_plan = plan;
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    ed.drag = -1;
    ed.drag_midline = ed.rotate_midline = false;
  }
  if (ed.drag >= 0 && (ImGui::GetIO().MouseDelta.x != 0.0f || ImGui::GetIO().MouseDelta.y != 0.0f)) {
    move_point(plan, ed.drag, ctx.mouse_photo());
    mark_plan_changed(app);
  } else if ((ed.drag_midline || ed.rotate_midline) &&
             (ImGui::GetIO().MouseDelta.x != 0.0f || ImGui::GetIO().MouseDelta.y != 0.0f)) {
    const cv::Point2d now = ctx.mouse_photo();
    const cv::Point2d origin = ed.drag_start_plan.head.midline_origin;
    if (ed.drag_midline) {
      move_midline(plan, ed.drag_start_plan, now - ed.drag_start_photo, 0.0);
    } else {
      const cv::Point2d a = ed.drag_start_photo - origin, b = now - origin;
      move_midline(plan, ed.drag_start_plan, {0, 0}, std::atan2(a.x * b.y - a.y * b.x, a.dot(b)));
    }
    mark_plan_changed(app);
  }
  // A point goes in on Alt+click, or on a double click told by the presses' own times and
  // places (a slow frame between the two clicks must not lose it).
  for (const MouseClick& c : app.clicks) {
    if (c.button != GLFW_MOUSE_BUTTON_LEFT) continue;
    const bool alt = (c.mods & GLFW_MOD_ALT) != 0;
    const bool twice = is_double_click(ed.last_click, c);
    ed.last_click = twice ? MouseClick{} : c;  // a third click starts a new pair
    const ImVec2 at(static_cast<float>(c.x), static_cast<float>(c.y));
    const bool on_handle = std::any_of(handles.begin(), handles.end(), [&](ImVec2 h) { return dist(h, at) < pick; });
    if (ctx.hovered && (alt || twice) && !on_handle && insert_point(plan, ctx.to_photo(at))) mark_plan_changed(app);
  }
  const bool right_click = ImGui::IsMouseReleased(ImGuiMouseButton_Right) &&
                           ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Right] < 16.0f;
  const bool delete_key = !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_DELETE);
  if (ctx.hovered && ed.hover >= 0 && (right_click || delete_key)) {
    if (remove_point(plan, ed.hover)) mark_plan_changed(app);
    ed.hover = -1;
  }
  if (ctx.hovered && ed.drag < 0 && ed.hover >= 0) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("Drag to move - right-click or Delete to remove");
  } else if (ctx.hovered && ed.drag < 0 && ImGui::GetIO().KeyAlt) {
    ImGui::SetTooltip("+ Click to add a hairline point here");
  } else if (ctx.hovered && (on_centre || on_rotate) && !ed.drag_midline && !ed.rotate_midline) {
    ImGui::SetTooltip(on_centre ? "Drag to move the midline (the hairline follows)" : "Drag to turn the midline");
  }
}

}  // namespace

void hairline_tool(AppState& app, const CanvasContext& ctx, bool interactive) {
  const sim::Plan& plan = app.doc.plan;
  if (app.overlays.midline && plan.hairline.symmetric) draw_midline(ctx, plan, interactive);
  if (!app.overlays.hairline || !plan.hairline.enabled()) return;
  const std::vector<cv::Point2d> curve = sim::sample_hairline(plan.hairline, plan.head, 16);
  if (app.overlays.band) draw_band(ctx, plan, curve);
  const auto line = to_screen(ctx, curve);
  ctx.draw->AddPolyline(line.data(), static_cast<int>(line.size()), kShadow, 0, 4.0f * ctx.ui_scale);
  ctx.draw->AddPolyline(line.data(), static_cast<int>(line.size()), kLine, 0, 2.0f * ctx.ui_scale);
  if (!interactive) return;
  const auto handles = to_screen(ctx, sim::full_control_points(plan.hairline, plan.head));
  interact(app, ctx, handles);
  for (std::size_t i = 0; i < handles.size(); ++i) {
    const bool hot = static_cast<int>(i) == app.hairline.hover || static_cast<int>(i) == app.hairline.drag;
    const StoredIndex s = stored_index(plan.hairline, static_cast<int>(i));
    const float r = (hot ? 7.5f : 5.5f) * ctx.ui_scale;
    ctx.draw->AddCircleFilled(handles[i], r + 1.5f * ctx.ui_scale, kShadow);
    ctx.draw->AddCircleFilled(handles[i], r, hot ? IM_COL32(255, 230, 120, 255)
                                                 : (s.mirrored ? IM_COL32(200, 235, 245, 255) : IM_COL32(255, 255, 255, 255)));
  }
}

}  // namespace smp::studio
