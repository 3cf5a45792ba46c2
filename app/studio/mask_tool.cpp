// Mask overlay (translucent, can be hidden) and the brush/eraser that edits the masks.

#include "core/mask_brush.hpp"
#include "tools.hpp"

#include <cmath>

namespace smp::studio {

namespace {

cv::Mat1b& layer(sim::Masks& masks, MaskLayer l) {
  switch (l) {
    case MaskLayer::Scar: return masks.scar;
    case MaskLayer::Exclusion: return masks.exclusion;
    case MaskLayer::Treatment: break;
  }
  return masks.treatment;
}

cv::Size overlay_size(const sim::Plan& plan) {
  if (!plan.masks.treatment.empty()) return plan.masks.treatment.size();
  return sim::working_mask_size(plan.photo.width, plan.photo.height);
}

}  // namespace

void update_mask_overlay(AppState& app) {
  if (!app.has_document) return;
  // Over a buzzed photo the treatment is not tinted where the hair's volume gave way to the
  // background: no dots go there and none are counted (the mask itself keeps that part).
  const BuzzPreview& buzz = app.buzz_preview;
  const bool over_buzz = buzz.drawn_over(app.doc.photo.data);
  const std::uint64_t shown_buzz = over_buzz ? buzz.applied : 0;
  if (app.overlay_revision == app.mask_revision && app.overlay_buzz == shown_buzz) return;
  const sim::Masks& m = app.doc.plan.masks;
  const cv::Size size = overlay_size(app.doc.plan);
  const cv::Mat4b image = mask_overlay_image(m.treatment, m.scar, m.exclusion, size, over_buzz ? buzz.off_head : cv::Mat1b());
  render::gl::TextureOptions to;
  to.mipmaps = false;
  to.check_errors = app.options.gl_checks;
  const bool only_strokes = app.overlay_buzz == shown_buzz && !app.mask_dirty.empty();
  if (only_strokes && !app.mask_overlay.empty() && app.mask_overlay.grid().image == size)
    app.mask_overlay.update(image, app.mask_dirty, to);
  else
    app.mask_overlay.upload(image, to);
  app.mask_dirty = {};
  app.overlay_revision = app.mask_revision;
  app.overlay_buzz = shown_buzz;
}

void mask_overlay(AppState& app, const CanvasContext& ctx) {
  if (app.mask_overlay.empty()) return;
  const auto& grid = app.mask_overlay.grid();
  const double sx = static_cast<double>(app.doc.plan.photo.width) / grid.image.width;
  const double sy = static_cast<double>(app.doc.plan.photo.height) / grid.image.height;
  for (int i = 0; i < grid.count(); ++i) {
    const cv::Rect r = grid.tile(i);
    const ImVec2 a = ctx.to_screen({r.x * sx, r.y * sy});
    const ImVec2 b = ctx.to_screen({(r.x + r.width) * sx, (r.y + r.height) * sy});
    ctx.draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(app.mask_overlay.tile_texture(i))), a, b);
  }
}

void mask_tool(AppState& app, const CanvasContext& ctx) {
  sim::Plan& plan = app.doc.plan;
  const cv::Size size = overlay_size(plan);
  const double to_mask = static_cast<double>(size.width) / plan.photo.width;
  const double radius_photo = 0.5 * app.brush.size_mm * plan.calibration.px_per_mm;
  // Brush outline under the cursor.
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ctx.hovered) {
    const float r = static_cast<float>(radius_photo * ctx.view.zoom);
    ctx.draw->AddCircle(m, r, IM_COL32(0, 0, 0, 160), 0, 3.0f * ctx.ui_scale);
    ctx.draw->AddCircle(m, r, app.brush.erase ? IM_COL32(255, 120, 120, 255) : IM_COL32(255, 255, 255, 255), 0,
                        1.5f * ctx.ui_scale);
    ctx.draw->AddCircle(m, r * app.brush.hardness, IM_COL32(255, 255, 255, 90), 0, 1.0f * ctx.ui_scale);
  }
  const cv::Point2d here = ctx.mouse_photo() * to_mask;
  BrushStamp b{radius_photo * to_mask, app.brush.hardness, app.brush.erase};
  if (ctx.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    cv::Mat1b& target = layer(plan.masks, app.brush.layer);
    // A fresh copy per stroke: undo snapshots share the old pixels and must keep them.
    target = target.empty() ? cv::Mat1b(size, 0) : cv::Mat1b(target.clone());
    app.stroke = {true, here};
    app.mask_dirty |= stamp(target, here, b);
    // The technician now defines the treatment area: the plan is no longer a guess.
    if (app.brush.layer == MaskLayer::Treatment && !app.brush.erase) app.doc.guess_reason.clear();
    mark_plan_changed(app, true);
  } else if (app.stroke.active && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (cv::norm(here - app.stroke.last) > 0.5) {
      app.mask_dirty |= stroke(layer(plan.masks, app.brush.layer), app.stroke.last, here, b);
      app.stroke.last = here;
      mark_plan_changed(app, true);
    }
  } else {
    app.stroke.active = false;
  }
}

}  // namespace smp::studio
