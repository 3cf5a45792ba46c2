#include "smp/render/plan_overlay.hpp"

#include "smp/sim/hairline_curve.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

namespace {

cv::Mat1b mask_at(const cv::Mat1b& mask, cv::Size size) {
  cv::Mat1b out;
  cv::resize(mask, out, size, 0, 0, cv::INTER_LINEAR);
  return cv::Mat(out > 127);
}

std::vector<cv::Point> scaled(const std::vector<cv::Point2d>& pts, double s) {
  std::vector<cv::Point> out;
  for (const cv::Point2d& p : pts)
    out.emplace_back(static_cast<int>(std::lround(std::clamp(p.x * s, -3e4, 3e4))),
                     static_cast<int>(std::lround(std::clamp(p.y * s, -3e4, 3e4))));
  return out;
}

void outline(cv::Mat3b& img, const cv::Mat1b& mask, const cv::Scalar& colour, int thickness) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  cv::drawContours(img, contours, -1, colour, thickness, cv::LINE_AA);
}

void dashed(cv::Mat3b& img, cv::Point2d a, cv::Point2d b, const cv::Scalar& colour, int thickness, double dash) {
  const double len = cv::norm(b - a);
  const int n = std::max(1, static_cast<int>(len / dash));
  for (int i = 0; i < n; i += 2) {
    const cv::Point2d p = a + (b - a) * (static_cast<double>(i) / n);
    const cv::Point2d q = a + (b - a) * (static_cast<double>(std::min(i + 1, n)) / n);
    cv::line(img, p, q, colour, thickness, cv::LINE_AA);
  }
}

}  // namespace

cv::Mat3b draw_plan_overlay(const cv::Mat3b& photo, const sim::Plan& plan, const std::optional<sim::HairlineGuides>& guides,
                            const OverlayParams& p) {
  CV_Assert(!photo.empty());
  const double s = std::min(1.0, static_cast<double>(std::max(p.max_side, 64)) / std::max(photo.cols, photo.rows));
  cv::Mat3b img;
  cv::resize(photo, img, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  const int thick = p.line_px > 0 ? static_cast<int>(p.line_px) : std::max(2, std::max(img.cols, img.rows) / 400);

  if (!plan.masks.treatment.empty()) {
    const cv::Mat1b treat = mask_at(plan.masks.treatment, img.size());
    cv::Mat3b tint(img.size(), cv::Vec3b(static_cast<uchar>(p.treatment[0]), static_cast<uchar>(p.treatment[1]),
                                         static_cast<uchar>(p.treatment[2])));
    cv::Mat3b blended;
    cv::addWeighted(img, 1.0 - p.treatment_alpha, tint, p.treatment_alpha, 0, blended);
    blended.copyTo(img, treat);
    outline(img, treat, p.treatment, thick);
  }
  if (!plan.masks.scar.empty()) outline(img, mask_at(plan.masks.scar, img.size()), p.scar, thick);
  if (!plan.masks.exclusion.empty()) outline(img, mask_at(plan.masks.exclusion, img.size()), p.exclusion, thick);

  if (guides) {
    const sim::HairlineGuides& g = *guides;
    const double dash = 6.0 * thick;
    dashed(img, g.midline[0] * s, g.midline[1] * s, p.guides, std::max(1, thick / 2), dash);
    dashed(img, g.epicanthal_left[0] * s, g.epicanthal_left[1] * s, p.guides, std::max(1, thick / 2), dash);
    dashed(img, g.epicanthal_right[0] * s, g.epicanthal_right[1] * s, p.guides, std::max(1, thick / 2), dash);
    for (const cv::Point2d& m : g.mid_frontal) cv::circle(img, m * s, 2 * thick, p.guides, cv::FILLED, cv::LINE_AA);
    for (const cv::Point2d& f : {g.fronto_temporal_left, g.fronto_temporal_right})
      cv::drawMarker(img, f * s, p.guides, cv::MARKER_DIAMOND, 6 * thick, thick, cv::LINE_AA);
    cv::drawMarker(img, g.glabella * s, p.guides, cv::MARKER_CROSS, 6 * thick, thick, cv::LINE_AA);
  }

  if (plan.hairline.enabled()) {
    const std::vector<cv::Point2d> line = sim::sample_hairline(plan.hairline, plan.head, 16);
    // Back edge of the transition zone: the line moved back by its width.
    std::vector<cv::Point2d> back;
    const double shift = plan.params.transition_mm * plan.calibration.px_per_mm;
    for (const cv::Point2d& q : line) back.push_back(q - plan.head.front_dir * shift);
    const std::vector<cv::Point> back_px = scaled(back, s);
    for (std::size_t i = 0; i + 1 < back_px.size(); i += 2)
      cv::line(img, back_px[i], back_px[i + 1], p.hairline, std::max(1, thick / 2), cv::LINE_AA);
    cv::polylines(img, scaled(line, s), false, cv::Scalar(0, 0, 0), thick + 2, cv::LINE_AA);
    cv::polylines(img, scaled(line, s), false, p.hairline, thick, cv::LINE_AA);
    for (const cv::Point2d& c : sim::full_control_points(plan.hairline, plan.head))
      cv::circle(img, c * s, thick + 2, p.hairline, cv::FILLED, cv::LINE_AA);
  }
  return img;
}

}  // namespace smp::render
