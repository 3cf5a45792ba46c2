// Hairline guides and the rules-based hairline for frontal photos. All distances on the
// forehead are surface distances: the forehead slopes back, so in a frontal photo they
// appear shorter by `forehead_foreshortening`.

#include "smp/sim/face_rules.hpp"

#include "smp/sim/hairline_curve.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace smp::sim {

namespace {

cv::Point2d lateral_of(const FaceLandmarks& f) { return {-f.up.y, f.up.x}; }  // toward image right

// Distance of the fronto-temporal points from the midline: the lateral epicanthal lines.
double fronto_temporal_offset(const FaceLandmarks& f) {
  const cv::Point2d l = lateral_of(f);
  return 0.5 * (std::abs((f.outer_corner_right - f.glabella).dot(l)) + std::abs((f.outer_corner_left - f.glabella).dot(l)));
}

cv::Mat1b outline_mask(const HeadFrame& head, cv::Size photo, cv::Size mask_size) {
  if (!head.has_outline()) return cv::Mat1b(mask_size, uchar{255});
  const cv::RotatedRect& e = head.outline;
  std::vector<cv::Point2d> pts;
  cv::ellipse2Poly(cv::Point2d(e.center.x, e.center.y), cv::Size2d(e.size.width * 0.5, e.size.height * 0.5),
                   static_cast<int>(std::lround(e.angle)), 0, 360, 4, pts);
  const double sx = static_cast<double>(mask_size.width) / photo.width, sy = static_cast<double>(mask_size.height) / photo.height;
  std::vector<cv::Point> poly;
  for (const cv::Point2d& p : pts) poly.emplace_back(static_cast<int>(std::lround(p.x * sx)), static_cast<int>(std::lround(p.y * sy)));
  cv::Mat1b out(mask_size, uchar{0});
  cv::fillPoly(out, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(255));
  return out;
}

cv::Mat1b behind(const Hairline& line, const HeadFrame& head, cv::Size photo, cv::Size mask_size) {
  if (!line.enabled()) return cv::Mat1b(mask_size, uchar{0});
  const cv::Mat1f d = hairline_signed_distance(line, head, photo, mask_size);
  return cv::Mat(d > 0);
}

// Landmarks a face would have if the current mid-frontal point sat at the default height.
FaceLandmarks assumed_landmarks(const Plan& plan, const SuggestParams& s, double typical_ipd_mm) {
  FaceLandmarks f;
  f.found = true;
  f.up = -plan.head.front_dir;
  const cv::Point2d l(-f.up.y, f.up.x);
  const double ppm = plan.calibration.px_per_mm;
  const cv::Point2d mid = plan.hairline.control_points.front();
  f.glabella = mid - f.up * (s.mid_frontal_mm * ppm * s.forehead_foreshortening);
  const cv::Point2d eyes = f.glabella - f.up * (12.0 * ppm);
  const double half_ipd = 0.5 * typical_ipd_mm * ppm;
  f.pupil_left = eyes - l * half_ipd;
  f.pupil_right = eyes + l * half_ipd;
  f.outer_corner_left = eyes - l * (1.5 * half_ipd);
  f.outer_corner_right = eyes + l * (1.5 * half_ipd);
  f.note = "eyes out of the frame: assumed from the current hairline";
  return f;
}

}  // namespace

HairlineGuides hairline_guides(const FaceLandmarks& f, double px_per_mm, const HairlineRuleParams& p) {
  HairlineGuides g;
  g.up = f.up;
  g.glabella = f.glabella;
  const double k = px_per_mm * p.forehead_foreshortening;
  for (std::size_t i = 0; i < g.mid_frontal.size(); ++i) g.mid_frontal[i] = f.glabella + f.up * (p.mid_frontal_mm[i] * k);
  const double ft_height = (p.mid_frontal_mm[1] + p.temporal_rise_mm) * k;
  auto on_epicanthal = [&](cv::Point2d corner) {
    return corner + f.up * (ft_height - (corner - f.glabella).dot(f.up));
  };
  g.fronto_temporal_left = on_epicanthal(f.outer_corner_left);
  g.fronto_temporal_right = on_epicanthal(f.outer_corner_right);
  const double len = p.guide_length_mm * px_per_mm;
  g.midline = {f.glabella - f.up * (0.25 * len), f.glabella + f.up * len};
  g.epicanthal_left = {f.outer_corner_left, f.outer_corner_left + f.up * len};
  g.epicanthal_right = {f.outer_corner_right, f.outer_corner_right + f.up * len};
  return g;
}

std::vector<cv::Point2d> suggest_hairline(const FaceLandmarks& f, double px_per_mm, const SuggestParams& p) {
  const cv::Point2d l = lateral_of(f);
  const double k = px_per_mm * p.forehead_foreshortening;
  const double h = p.mid_frontal_mm * k, rise = p.temporal_rise_mm * k;
  const double d = fronto_temporal_offset(f);
  auto at = [&](double across, double height) { return f.glabella + l * across + f.up * height; };
  // Midline, a gentle rise, the fronto-temporal angle, then down toward the sideburn.
  return {at(0, h), at(0.5 * d, h + 0.25 * rise), at(d, h + rise),
          at(p.temple_out_of_ft * d, h + rise - p.temple_drop_mm * k)};
}

double calibration_from_face(const FaceLandmarks& face, double typical_ipd_mm) {
  return face.interpupillary_px() / std::max(typical_ipd_mm, 1.0);
}

RulesOutcome apply_hairline_rules(Plan& plan, const FaceLandmarks& face, const SuggestParams& suggest,
                                  double typical_ipd_mm) {
  RulesOutcome out;
  const bool assume = !face.found && plan.head.view == ViewKind::Front && plan.hairline.enabled();
  if (!face.found && !assume) {
    out.message = face.note.empty() ? "no face found" : face.note;
    out.message += "; calibration kept (" + plan.calibration.source + ")";
    return out;
  }
  out.from_face = !assume;
  out.used = assume ? assumed_landmarks(plan, suggest, typical_ipd_mm) : face;
  if (out.from_face && !plan.calibration.measured) {
    const double ppm = calibration_from_face(face, typical_ipd_mm);
    if (std::isfinite(ppm) && ppm >= 0.5 && ppm <= 500) {
      plan.calibration = {ppm, false, "face"};
      out.calibrated = true;
    }
  }
  const cv::Size photo(std::max(plan.photo.width, 1), std::max(plan.photo.height, 1));
  const cv::Size mask_size = plan.masks.treatment.empty() ? working_mask_size(photo.width, photo.height)
                                                          : plan.masks.treatment.size();
  const Hairline old_line = plan.hairline;
  const HeadFrame old_head = plan.head;

  plan.head.view = ViewKind::Front;
  plan.head.midline_origin = out.used.glabella;
  plan.head.front_dir = -out.used.up;  // from the crown toward the face
  plan.hairline.symmetric = true;
  plan.hairline.control_points = suggest_hairline(out.used, plan.calibration.px_per_mm, suggest);

  // Treatment starts at the new line: keep what was behind both lines, add the strip
  // between the old and the new line inside the head outline.
  const cv::Mat1b new_behind = behind(plan.hairline, plan.head, photo, mask_size);
  const cv::Mat1b old_behind = behind(old_line, old_head, photo, mask_size);
  cv::Mat1b treatment = cv::Mat(outline_mask(plan.head, photo, mask_size) & new_behind & ~old_behind);
  if (!plan.masks.treatment.empty() && plan.masks.treatment.size() == mask_size)
    treatment |= plan.masks.treatment & new_behind;
  plan.masks.treatment = treatment;

  out.applied = true;
  char buf[256];
  std::snprintf(buf, sizeof buf, "hairline placed by the rules: mid-frontal point %.0f cm above the glabella; %s",
                suggest.mid_frontal_mm / 10.0, out.calibrated ? "scale estimated from the eyes (" : "calibration kept");
  out.message = buf;
  if (out.calibrated) out.message += std::to_string(static_cast<int>(std::lround(typical_ipd_mm))) + " mm apart)";
  if (assume)
    out.message = "no face in the photo (eyes out of the frame): hairline shaped by the rules from the current "
                  "mid-frontal point, fronto-temporal points on the typical eye lines; calibration kept (" +
                  plan.calibration.source + ")";
  else if (!face.eyes_detected)
    out.message += " (eyes estimated from the face box)";
  return out;
}

}  // namespace smp::sim
