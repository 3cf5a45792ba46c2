// make_auto_plan: a first, editable plan from the photo alone.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/mask_ops.hpp"

#include "detect/hairline_placement.hpp"
#include "detect/head_segment.hpp"
#include "smp/sim/density_field.hpp"
#include "smp/sim/hairline_curve.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim {

namespace {

cv::Point2d unit_or_down(cv::Point2d d) {
  const double n = std::hypot(d.x, d.y);
  if (!std::isfinite(n) || n < 1e-9) return {0, 1};
  return d / n;
}

// The outline ellipse, slightly enlarged, at mask size: keeps ears, necks and shoulders out.
cv::Mat1b outline_mask(const HeadFrame& frame, cv::Size photo, cv::Size mask_size, double grow) {
  cv::Mat1b out(mask_size, uchar{0});
  if (!frame.has_outline()) return out;
  const double sx = static_cast<double>(mask_size.width) / std::max(photo.width, 1);
  const double sy = static_cast<double>(mask_size.height) / std::max(photo.height, 1);
  const cv::RotatedRect& e = frame.outline;
  // Anisotropic scaling of a rotated ellipse is not an ellipse in general; photo and mask
  // share the aspect ratio up to rounding, so one scale is exact enough.
  const double s = 0.5 * (sx + sy);
  cv::ellipse(out, cv::RotatedRect(cv::Point2f(static_cast<float>(e.center.x * sx), static_cast<float>(e.center.y * sy)),
                                   cv::Size2f(static_cast<float>(e.size.width * s * grow),
                                              static_cast<float>(e.size.height * s * grow)),
                                   e.angle),
              cv::Scalar(255), cv::FILLED);
  return out;
}

// The skin of the head pigment may go on, before any hairline. Top views take the bare scalp;
// frontal views also thinning hair (SMP adds density there); crown-only views the whole head.
cv::Mat1b skin_area(const ScalpDetection& det, const Plan& plan, cv::Size photo) {
  const cv::Mat1b inside = outline_mask(plan.head, photo, det.scalp.size(), 1.04);
  cv::Mat1b area;
  if (plan.head.view == ViewKind::Top && plan.hairline.enabled())
    area = detect::fill_holes(det.scalp);
  else
    area = detect::fill_holes(either(det.scalp, det.hair));
  area &= inside;
  // Thick hair hides the skin: never treated (thinning hair keeps skin between its strands).
  if (!det.thick_hair.empty()) area &= ~det.thick_hair;
  return area;
}

// Where pigment may go: `area` (skin_area) behind the hairline, with a margin ahead of it.
cv::Mat1b treatment_mask(cv::Mat1b area, const Plan& plan, cv::Size photo, double front_margin_mm) {
  const cv::Size size = area.size();
  if (plan.hairline.enabled()) {
    // Behind the line, plus a margin in front of it where the density field scatters the
    // sparse micro-irregularity dots.
    // Only the distance on the front side is needed (hairline_signed_distance also measures
    // the side behind, at the same cost).
    const cv::Mat1b in_front = hairline_front_mask(plan.hairline, plan.head, photo, size);
    cv::Mat1b behind;
    cv::bitwise_not(in_front, behind);
    // Within the margin of the line (distances in photo px).
    const double photo_per_mask =
        2.0 / (static_cast<double>(size.width) / photo.width + static_cast<double>(size.height) / photo.height);
    const double margin_px = front_margin_mm * plan.calibration.px_per_mm;
    area &= within_reach(behind, margin_px, cv::DIST_MASK_PRECISE, photo_per_mask);
    // The scattered dots ahead of the line only continue treated scalp behind it: in front of
    // thick hair (nothing treated behind) they would sit alone on the forehead. Nor do they
    // continue a strip behind the line narrower than twice the margin: that is the soft edge
    // of the client's own hairline (a line drawn along a full frontal hairline), and dots
    // ahead of it lower the hairline onto the forehead. So the treated scalp behind is opened
    // by the margin (shrunk, grown back: thin strips and sharp corners go) before it is grown
    // by the margin; each growth a step of its own, so nothing reaches further than before.
    cv::Mat1b treated_behind;
    cv::bitwise_and(area, behind, treated_behind);
    const double mask_per_photo = static_cast<double>(size.width) / std::max(photo.width, 1);
    const double margin_mask_px = std::max(1.0, margin_px * mask_per_photo);
    cv::Mat1b untreated;
    cv::bitwise_not(treated_behind, untreated);
    cv::bitwise_not(within_reach(untreated, margin_mask_px, cv::DIST_MASK_5), treated_behind);
    // Grown through distance maps: a dilation by a disc this wide costs far more.
    for (int growth = 0; growth < 2; ++growth)
      treated_behind = within_reach(treated_behind, margin_mask_px, cv::DIST_MASK_5);
    cv::bitwise_or(behind, treated_behind, treated_behind);
    area &= treated_behind;
    // A frontal line bends down at the temples, and its extended ends leave the sideburns and
    // ears beside the head "behind" it: frontal views keep to the columns the line spans.
    if (plan.head.view != ViewKind::Top) area &= hairline_span_mask(plan.hairline, plan.head, photo, size, margin_px);
  }
  // Smooth the edge a little: masks are brushed on later, jagged starts look like bugs.
  const int k = std::max(3, std::min(size.width, size.height) / 100) | 1;
  cv::morphologyEx(area, area, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
  return area;
}

}  // namespace

Plan make_auto_plan(const cv::Mat& photo_bgr, const PhotoRef& photo, const AutoPlanParams& params) {
  return make_checked_auto_plan(photo_bgr, photo, params).plan;
}

CheckedAutoPlan make_checked_auto_plan(const cv::Mat& photo_bgr, const PhotoRef& photo, const AutoPlanParams& params) {
  return make_checked_auto_plan(make_analysis_image(photo_bgr, 2 * std::max(64, params.detection_max_side)), photo, params);
}

CheckedAutoPlan make_checked_auto_plan(const AnalysisImage& image, const PhotoRef& photo, const AutoPlanParams& params) {
  CheckedAutoPlan out;
  Plan& plan = out.plan;
  plan.photo = photo;
  const cv::Size size = image.photo_size.empty() ? cv::Size(std::max(photo.width, 1), std::max(photo.height, 1))
                                                 : image.photo_size;
  if (plan.photo.width <= 0 || plan.photo.height <= 0) {
    plan.photo.width = size.width;
    plan.photo.height = size.height;
  }
  ScalpDetection det = detect_scalp(image, params);
  out.detection = std::make_shared<const ScalpDetection>(det);
  bool frontal_planned_as_top = false;
  if (params.front_override) {  // the person's choice, also over a fallback outline
    const cv::Point2d f = *params.front_override;
    const double n = std::hypot(f.x, f.y);
    if (std::isfinite(n) && n > 1e-9) {
      frontal_planned_as_top = det.found && det.view == ViewKind::Front;
      det.view = ViewKind::Top;
      if (det.brows && (f / n).dot(det.front_dir) < 0.9) det.brows.reset();  // they were toward the old front
      det.front_dir = f / n;
      det.front_confidence = 1.0;
      det.note += "; front direction set by the user";
    }
  }

  // Calibration from the typical adult head breadth: rough, shown as estimated.
  const double width_mm = std::max(params.typical_head_width_mm, 1.0);
  double ppm = det.head_width_px > 0 ? det.head_width_px / width_mm : 0;
  if (!std::isfinite(ppm) || ppm <= 0) ppm = std::max(size.width, size.height) / (1.5 * width_mm);
  plan.calibration.px_per_mm = std::clamp(ppm, 0.5, 500.0);
  plan.calibration.measured = false;
  plan.calibration.source = "head-width";

  plan.head.view = det.view;
  plan.head.front_dir = unit_or_down(det.front_dir);
  plan.head.outline = det.outline;
  plan.head.midline_origin = cv::Point2d(det.outline.center.x, det.outline.center.y);

  plan.hairline.symmetric = true;
  plan.hairline.control_points = detect::default_hairline(det, plan.head, plan.calibration.px_per_mm, size);
  const cv::Mat1b skin = skin_area(det, plan, size);
  plan.masks.treatment = treatment_mask(skin.clone(), plan, size, DensityFieldParams{}.micro_zone_mm);
  // A template applied later grows over the bare scalp to the remaining hair.
  if (plan.head.view == ViewKind::Top && plan.hairline.enabled()) plan.masks.bald = skin;
  // Remaining hair on the head: the work blends into it, and its shade guides the pigment's.
  plan.masks.hair = det.hair & outline_mask(plan.head, size, det.hair.size(), 1.04);
  // Strands over the treated skin hide its dots.
  if (!det.occlusion.empty() && cv::countNonZero(det.occlusion & plan.masks.treatment) > 0)
    plan.masks.occlusion = det.occlusion & plan.masks.treatment;
  plan.notes = "Automatic plan: " + det.note + ". Calibration estimated from a " +
               std::to_string(static_cast<int>(std::lround(width_mm))) + " mm head breadth.";
  if (!plan.hairline.enabled()) plan.notes += " Front of the head not in view: no hairline, whole scalp treated.";
  if (const double head = det.head.empty() ? 0.0 : cv::countNonZero(det.head); head > 0 && !det.thick_hair.empty()) {
    const double thick = cv::countNonZero(det.thick_hair & det.head) / head;
    if (thick > params.thick_hair_note_share) {
      const double treated = cv::countNonZero(plan.masks.treatment & det.head) / head;
      plan.notes += std::string(" ") + kThickHairNote + " " + std::to_string(std::lround(100 * thick)) +
                    " % of the head and hides the skin: SMP shows only where the skin does (" +
                    std::to_string(std::lround(100 * treated)) +
                    " % of the head here); the buzz-cut preview shows the look with the hair clipped.";
    }
  }
  if (frontal_planned_as_top)
    plan.notes += std::string(" ") + kPlannedAsTopNote +
                  " as asked, but the photo looks like a frontal view: its forehead and face are planned as scalp.";
  if (det.view == ViewKind::Top && det.front_confidence < params.sure_front_confidence)
    plan.notes += std::string(" ") + kCheckFrontNote + ": the photo does not show clearly which way the face is (confidence " +
                  std::to_string(static_cast<int>(std::lround(100 * det.front_confidence))) + "%).";

  const int long_side = std::max(size.width, size.height), short_side = std::max(1, std::min(size.width, size.height));
  if (static_cast<double>(long_side) / short_side > kMaxHeadPhotoAspect)
    out.problem = "the photo is " + std::to_string(size.width) + "x" + std::to_string(size.height) +
                  " pixels, too narrow to show a head (its sides may differ at most 4:1)";
  else if (!det.found) {
    // The detector's note says why, ending in what it fell back to (said separately here).
    std::string why = det.note.substr(0, det.note.find("; using a centred ellipse"));
    out.problem = why == "no head found" ? "no head found in the photo" : "no head found in the photo (" + why + ")";
  }
  return out;
}

Plan replan_facing(const cv::Mat& photo_bgr, const Plan& plan, cv::Point2d front, AutoPlanParams params) {
  params.front_override = front;
  return make_auto_plan(photo_bgr, plan.photo, params);
}

std::optional<cv::Point2d> face_side(std::string_view name) {
  if (name == "up") return cv::Point2d(0, -1);
  if (name == "down") return cv::Point2d(0, 1);
  if (name == "left") return cv::Point2d(-1, 0);
  if (name == "right") return cv::Point2d(1, 0);
  return std::nullopt;
}

const char* face_side_name(cv::Point2d front) {
  if (std::abs(front.x) > std::abs(front.y)) return front.x < 0 ? "left" : "right";
  return front.y < 0 ? "up" : "down";
}

bool needs_front_check(const Plan& plan) { return plan.notes.find(kCheckFrontNote) != std::string::npos; }

namespace {

// The sentence of `notes` that starts with `key`; empty when absent.
std::string sentence_from(const std::string& notes, const char* key) {
  const std::size_t start = notes.find(key);
  if (start == std::string::npos) return {};
  const std::size_t end = notes.find(". ", start);
  return notes.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
}

}  // namespace

std::string thick_hair_remark(const Plan& plan) { return sentence_from(plan.notes, kThickHairNote); }

std::string planned_as_top_remark(const Plan& plan) { return sentence_from(plan.notes, kPlannedAsTopNote); }

}  // namespace smp::sim
