#include "canvas.hpp"

#include "tools.hpp"

#include <epoxy/gl.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

namespace smp::studio {

ImVec2 CanvasContext::to_screen(cv::Point2d photo) const {
  const cv::Point2d c = studio::to_canvas(view, photo);
  return {pane_min.x + static_cast<float>(c.x), pane_min.y + static_cast<float>(c.y)};
}

cv::Point2d CanvasContext::to_photo(ImVec2 screen) const {
  return studio::to_photo(view, {screen.x - pane_min.x, screen.y - pane_min.y});
}

cv::Point2d CanvasContext::mouse_photo() const { return to_photo(ImGui::GetIO().MousePos); }

namespace {

constexpr ImGuiWindowFlags kCanvasFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                          ImGuiWindowFlags_NoFocusOnAppearing;

constexpr double kFitMarginPx = 16.0;  // around the photo when fitted

double pane_width(const ViewState& vs) {
  return vs.compare == CompareMode::SideBySide ? vs.canvas.width / 2 : vs.canvas.width;
}

void apply_pending_view(AppState& app) {
  ViewState& vs = app.view;
  const cv::Size2d pane(pane_width(vs), vs.canvas.height);
  if (!app.has_document || pane.width < 2 || pane.height < 2) return;
  const cv::Size2d photo = app.doc.photo.size();
  if (!vs.fit_pending && vs.pane.width > 0 && pane != vs.pane) {  // the window (or a panel) changed size
    const bool refit = vs.view.zoom == vs.fitted.zoom && vs.view.origin == vs.fitted.origin;
    vs.view = view_after_resize(vs.view, vs.fitted, photo, vs.pane, pane, kFitMarginPx);
    if (refit) vs.fitted = vs.view;
  }
  vs.pane = pane;
  if (vs.fit_pending) {
    vs.view = fit_view(photo, pane, kFitMarginPx);
    vs.fitted = vs.view;
    vs.fit_pending = false;
  }
  if (vs.actual_pending) {
    vs.view = actual_pixels(vs.view, pane, vs.pixel_ratio);
    vs.actual_pending = false;
  }
}

// Wheel zoom about the cursor; pan with the middle or right button, space + left, or the
// hand tool. Returns true while panning.
bool pan_and_zoom(AppState& app, const CanvasContext& ctx, bool item_active) {
  ImGuiIO& io = ImGui::GetIO();
  ViewState& vs = app.view;
  if (ctx.hovered && io.MouseWheel != 0.0f) {
    const cv::Point2d anchor(io.MousePos.x - ctx.pane_min.x, io.MousePos.y - ctx.pane_min.y);
    vs.view = zoom_about(vs.view, anchor, wheel_zoom_factor(io.MouseWheel));
  }
  const bool space = !io.WantTextInput && ImGui::IsKeyDown(GLFW_KEY_SPACE);
  const bool panning = item_active && (ImGui::IsMouseDown(ImGuiMouseButton_Middle) ||
                                       ImGui::IsMouseDragging(ImGuiMouseButton_Right, 2.0f) ||
                                       (ImGui::IsMouseDown(ImGuiMouseButton_Left) && (space || app.tool == Tool::Pan)));
  if (panning) vs.view = pan(vs.view, {io.MouseDelta.x, io.MouseDelta.y});
  return panning || space;
}

// The before/after split line: dots only right of it. Returns true while it is dragged.
bool split_line(AppState& app, ImDrawList* dl, ImVec2 cmin, ImVec2 cmax, float scale) {
  ViewState& vs = app.view;
  ImGuiIO& io = ImGui::GetIO();
  const float x = cmin.x + static_cast<float>(vs.split) * (cmax.x - cmin.x);
  const bool near = std::abs(io.MousePos.x - x) < 7 * scale && io.MousePos.y > cmin.y && io.MousePos.y < cmax.y;
  // The canvas is an ImGui window, so ImGui always wants the mouse here: what matters is
  // that no panel or popup lies over the line.
  const bool over_canvas = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  if (near && over_canvas && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) vs.dragging_split = true;
  if (near && ImGui::IsWindowHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (vs.dragging_split) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left))
      vs.split = std::clamp((io.MousePos.x - cmin.x) / (cmax.x - cmin.x), 0.0f, 1.0f);
    else
      vs.dragging_split = false;
  }
  dl->AddLine({x, cmin.y}, {x, cmax.y}, IM_COL32(255, 255, 255, 200), 2.0f * scale);
  const float cy = 0.5f * (cmin.y + cmax.y), r = 14 * scale;
  dl->AddCircleFilled({x, cy}, r, IM_COL32(30, 32, 36, 220));
  dl->AddCircle({x, cy}, r, IM_COL32(255, 255, 255, 220), 0, 1.5f * scale);
  dl->AddTriangleFilled({x - 4 * scale, cy - 5 * scale}, {x - 4 * scale, cy + 5 * scale}, {x - 9 * scale, cy},
                        IM_COL32(255, 255, 255, 230));
  dl->AddTriangleFilled({x + 4 * scale, cy - 5 * scale}, {x + 4 * scale, cy + 5 * scale}, {x + 9 * scale, cy},
                        IM_COL32(255, 255, 255, 230));
  const ImU32 label_bg = IM_COL32(20, 20, 22, 170);
  dl->AddRectFilled({x - 72 * scale, cmin.y + 8 * scale}, {x - 10 * scale, cmin.y + 30 * scale}, label_bg, 3 * scale);
  dl->AddText({x - 66 * scale, cmin.y + 11 * scale}, IM_COL32(240, 240, 240, 255), "Before");
  dl->AddRectFilled({x + 10 * scale, cmin.y + 8 * scale}, {x + 66 * scale, cmin.y + 30 * scale}, label_bg, 3 * scale);
  dl->AddText({x + 16 * scale, cmin.y + 11 * scale}, IM_COL32(240, 240, 240, 255), "After");
  return vs.dragging_split;
}

void pane_label(ImDrawList* dl, ImVec2 at, const char* text, float scale) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  dl->AddRectFilled({at.x + 8 * scale, at.y + 8 * scale}, {at.x + 20 * scale + size.x, at.y + 16 * scale + size.y},
                    IM_COL32(20, 20, 22, 170), 3 * scale);
  dl->AddText({at.x + 14 * scale, at.y + 12 * scale}, IM_COL32(240, 240, 240, 255), text);
}

}  // namespace

namespace {

// Across the top of the canvas while the automatic plan is a guess (no head was found).
void guess_banner(ImDrawList* draw, ImVec2 at, float width, const std::string& reason, float ui_scale) {
  const std::string text = "The automatic plan is a guess: " + reason + ". No price is shown.";
  const float pad = 8 * ui_scale, h = ImGui::GetFontSize() + 2 * pad;
  draw->AddRectFilled(at, {at.x + width, at.y + h}, IM_COL32(150, 30, 25, 235));
  draw->AddText({at.x + pad, at.y + pad}, IM_COL32(255, 255, 255, 255), text.c_str());
}

}  // namespace

void canvas_frame(AppState& app) {
  ViewState& vs = app.view;
  apply_pending_view(app);
  const ImVec2 cmin(static_cast<float>(vs.canvas.x), static_cast<float>(vs.canvas.y));
  const ImVec2 csize(static_cast<float>(vs.canvas.width), static_cast<float>(vs.canvas.height));
  if (csize.x < 1 || csize.y < 1) return;
  ImGui::SetNextWindowPos(cmin);
  ImGui::SetNextWindowSize(csize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("##canvas", nullptr, kCanvasFlags);
  ImGui::PopStyleVar();
  ImGui::InvisibleButton("##canvas_area", csize,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool item_active = ImGui::IsItemActive();

  CanvasContext ctx;
  ctx.draw = ImGui::GetWindowDrawList();
  ctx.pane_min = cmin;
  ctx.pane_max = {cmin.x + static_cast<float>(pane_width(vs)), cmin.y + csize.y};
  ctx.view = vs.view;
  ctx.hovered = ImGui::IsItemHovered();
  ctx.ui_scale = ImGui::GetFontSize() / 15.0f;
  if (vs.compare == CompareMode::SideBySide) {
    // Handles and masks belong to the plan, shown and edited on the "After" pane only.
    ctx.pane_min.x = ctx.pane_max.x;
    ctx.pane_max.x = cmin.x + csize.x;
  }

  if (app.has_document) {
    const bool split_drag = vs.compare == CompareMode::Split &&
                            split_line(app, ctx.draw, cmin, {cmin.x + csize.x, cmin.y + csize.y}, ctx.ui_scale);
    ctx.panning = pan_and_zoom(app, ctx, item_active) || split_drag;
    ctx.view = vs.view;
    // Nothing of the plan's editing marks on the "Before" side of the split.
    const float split_x = cmin.x + static_cast<float>(vs.split) * csize.x;
    const ImVec2 clip_min = vs.compare == CompareMode::Split ? ImVec2{split_x, cmin.y} : ctx.pane_min;
    ctx.draw->PushClipRect(clip_min, {ctx.pane_max.x, cmin.y + csize.y}, true);
    app.view.overlays_drawn = !app.presentation;
    if (!app.presentation) {
      if (app.overlays.masks) mask_overlay(app, ctx);
      hairline_tool(app, ctx, app.tool == Tool::Hairline && !ctx.panning);
      if (app.tool == Tool::Mask && !ctx.panning) mask_tool(app, ctx);
      if (app.tool == Tool::Calibrate) calibration_tool(app, ctx);
      if (app.tool == Tool::Eyedropper) eyedropper_tool(app, ctx);
    }
    ctx.draw->PopClipRect();
    if (vs.compare == CompareMode::SideBySide) {
      const float mid = cmin.x + csize.x / 2;
      ctx.draw->AddLine({mid, cmin.y}, {mid, cmin.y + csize.y}, IM_COL32(10, 10, 12, 255), 3 * ctx.ui_scale);
      pane_label(ctx.draw, cmin, "Before", ctx.ui_scale);
      pane_label(ctx.draw, {mid, cmin.y}, "After - simulated", ctx.ui_scale);
    } else if (vs.holding_before) {
      pane_label(ctx.draw, cmin, "Before (release B to see the simulation)", ctx.ui_scale);
    } else if (vs.force_before) {
      pane_label(ctx.draw, cmin, "Before", ctx.ui_scale);
    } else if (vs.compare == CompareMode::After && !app.options.hide_panels) {
      // Which moment the client is looking at (the timeline strip and Result over time set it).
      const app::ResultState moment{vs.up_to_session, vs.fresh && vs.years <= 0, vs.years};
      const ImVec2 at(cmin.x, cmin.y + csize.y - ImGui::GetFontSize() - 24 * ctx.ui_scale);  // bottom left, clear of the banner
      pane_label(ctx.draw, at, (app::result_caption(moment, app.doc.plan.params.sessions) + " - simulated").c_str(), ctx.ui_scale);
    }
    if (!price_allowed(app.doc)) guess_banner(ctx.draw, cmin, csize.x, app.doc.guess_reason, ctx.ui_scale);
  } else {
    const char* hint = "Drop a scalp photo or a plan here, or use File > Open (Ctrl+O)";
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    ctx.draw->AddText({cmin.x + (csize.x - ts.x) / 2, cmin.y + (csize.y - ts.y) / 2}, IM_COL32(200, 200, 200, 255), hint);
  }
  ImGui::End();
}

void draw_scene(AppState& app, cv::Size framebuffer) {
  if (!app.scene) return;
  const ViewState& vs = app.view;
  const double r = vs.pixel_ratio;
  const cv::Rect canvas_fb(static_cast<int>(std::lround(vs.canvas.x * r)), static_cast<int>(std::lround(vs.canvas.y * r)),
                           static_cast<int>(std::lround(vs.canvas.width * r)),
                           static_cast<int>(std::lround(vs.canvas.height * r)));
  if (canvas_fb.width <= 0 || canvas_fb.height <= 0) return;
  render::gl::SceneView sv;
  sv.framebuffer = framebuffer;
  sv.zoom = vs.view.zoom * r;
  sv.origin = vs.view.origin * r;
  const bool before = vs.holding_before || vs.force_before;
  if (vs.compare == CompareMode::SideBySide) {
    const int half = canvas_fb.width / 2;
    sv.viewport = {canvas_fb.x, canvas_fb.y, half, canvas_fb.height};
    sv.show_dots = false;
    app.scene->draw(sv);
    sv.viewport = {canvas_fb.x + half, canvas_fb.y, canvas_fb.width - half, canvas_fb.height};
    sv.show_dots = !before;
    app.scene->draw(sv);
    return;
  }
  sv.viewport = canvas_fb;
  sv.show_dots = !before;
  if (vs.compare == CompareMode::Split) sv.split_x = vs.split * canvas_fb.width;
  app.scene->draw(sv);
}

}  // namespace smp::studio
