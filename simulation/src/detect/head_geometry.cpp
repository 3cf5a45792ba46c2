#include "detect/head_geometry.hpp"

#include "detect/front_vote.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <vector>

namespace smp::sim::detect {

namespace {

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

cv::Point2d axis_dir(const cv::RotatedRect& e) {
  const double a = e.angle * kDegToRad;
  return {std::cos(a), std::sin(a)};  // direction of size.width
}

std::optional<cv::RotatedRect> moment_ellipse(const cv::Mat1b& mask) {
  const cv::Moments m = cv::moments(mask, true);
  if (m.m00 < 5) return std::nullopt;
  const double cx = m.m10 / m.m00, cy = m.m01 / m.m00;
  const double a = m.mu20 / m.m00, b = m.mu11 / m.m00, c = m.mu02 / m.m00;
  const double tr = (a + c) / 2, det = std::sqrt(std::max(0.0, (a - c) * (a - c) / 4 + b * b));
  const double l1 = tr + det, l2 = std::max(tr - det, 1e-6);
  const double angle = 0.5 * std::atan2(2 * b, a - c) / kDegToRad;
  // A filled ellipse with semi-axes (p, q) has variances p^2/4 and q^2/4.
  return cv::RotatedRect(cv::Point2f(static_cast<float>(cx), static_cast<float>(cy)),
                         cv::Size2f(static_cast<float>(4 * std::sqrt(l1)), static_cast<float>(4 * std::sqrt(l2))),
                         static_cast<float>(angle));
}

bool plausible(const cv::RotatedRect& e, cv::Size size, double mask_area) {
  const double w = size.width, h = size.height;
  if (!(e.size.width > 4 && e.size.height > 4)) return false;
  if (!std::isfinite(e.center.x) || !std::isfinite(e.center.y)) return false;
  if (e.center.x < -0.25 * w || e.center.x > 1.25 * w || e.center.y < -0.25 * h || e.center.y > 1.25 * h)
    return false;
  if (std::max(e.size.width, e.size.height) > 2.0 * std::max(w, h)) return false;
  const double ratio = std::max(e.size.width, e.size.height) / std::min(e.size.width, e.size.height);
  if (ratio > 2.0) return false;  // heads are never that elongated, from any side
  const double area = 3.14159265358979323846 * e.size.width * e.size.height / 4;
  return area > 0.6 * mask_area && area < 3.0 * mask_area;
}

}  // namespace

cv::Vec2d semi_axes_along(const cv::RotatedRect& e, cv::Point2d dir) {
  const cv::Point2d u = axis_dir(e);
  const double cos_t = std::abs(u.dot(dir));
  // Radius of the ellipse along `dir` and across it.
  auto radius = [&](double c) {
    const double s = std::sqrt(std::max(0.0, 1 - c * c));
    const double a = e.size.width / 2.0, b = e.size.height / 2.0;
    return 1.0 / std::sqrt((c * c) / (a * a) + (s * s) / (b * b));
  };
  return {radius(cos_t), radius(std::sqrt(std::max(0.0, 1 - cos_t * cos_t)))};
}

std::optional<cv::RotatedRect> fit_head_ellipse(const cv::Mat1b& head) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(head.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  if (contours.empty()) return std::nullopt;
  const auto& outer = *std::max_element(contours.begin(), contours.end(),
                                        [](const auto& a, const auto& b) { return a.size() < b.size(); });
  const double mask_area = cv::countNonZero(head);
  std::vector<cv::Point2f> inner;
  for (const cv::Point& p : outer)
    if (p.x > 1 && p.y > 1 && p.x < head.cols - 2 && p.y < head.rows - 2) inner.emplace_back(p);
  // Ears, necks and arms bulge out of the skull's ellipse: refit without the points that
  // lie well outside the previous fit.
  for (int round = 0; round < 3 && inner.size() >= 20; ++round) {
    const cv::RotatedRect e = cv::fitEllipseDirect(inner);
    if (!plausible(e, head.size(), mask_area)) break;
    std::vector<cv::Point2f> kept;
    const double a = e.size.width / 2.0, b = e.size.height / 2.0, t = e.angle * kDegToRad;
    for (const cv::Point2f& p : inner) {
      const double dx = p.x - e.center.x, dy = p.y - e.center.y;
      const double u = (dx * std::cos(t) + dy * std::sin(t)) / a, v = (-dx * std::sin(t) + dy * std::cos(t)) / b;
      if (std::hypot(u, v) < 1.04) kept.push_back(p);
    }
    if (round == 2 || kept.size() < 20 || kept.size() == inner.size()) return e;
    inner.swap(kept);
  }
  return moment_ellipse(head);
}

double extent_along(const cv::Mat1b& mask, cv::Point2d lateral) {
  std::vector<double> proj;
  for (int y = 0; y < mask.rows; y += 2)
    for (int x = 0; x < mask.cols; x += 2)
      if (mask(y, x)) proj.push_back(x * lateral.x + y * lateral.y);
  if (proj.size() < 4) return 0;
  const auto lo = proj.begin() + static_cast<std::ptrdiff_t>(proj.size() / 50);
  const auto hi = proj.begin() + static_cast<std::ptrdiff_t>(proj.size() - 1 - proj.size() / 50);
  std::nth_element(proj.begin(), lo, proj.end());
  const double vlo = *lo;
  std::nth_element(proj.begin(), hi, proj.end());
  return *hi - vlo;
}

Orientation orient_head(const cv::Mat1b& head, const cv::Mat1b& skin, const cv::Mat1b& hair,
                        const cv::Mat1b& skin_rule, const cv::Mat1b& luma, const cv::RotatedRect& ellipse, const cv::Rect& face,
                        std::optional<bool> face_eyes, const FrontCues& cues, const cv::Mat1b& photo_head) {
  Orientation out;
  std::ostringstream why;
  // Frontal photos: hair above, forehead skin below reaching the bottom edge, and the
  // midline mostly hair. Top views: the midline is mostly bare scalp.
  const cv::Point2d c(ellipse.center.x, ellipse.center.y);
  const cv::Rect box = cv::boundingRect(head);
  const int band = std::max(1, box.width / 10);
  const cv::Rect mid_band(std::clamp(static_cast<int>(c.x) - band, 0, head.cols - 1), 0,
                          std::min(2 * band, head.cols - std::clamp(static_cast<int>(c.x) - band, 0, head.cols - 1)),
                          head.rows);
  const double band_head = cv::countNonZero(head(mid_band));
  const double band_skin = cv::countNonZero(skin(mid_band));
  const double skin_frac = band_head > 0 ? band_skin / band_head : 1.0;
  const cv::Moments ms = cv::moments(skin, true), mh = cv::moments(hair, true);
  const bool hair_above = mh.m00 > 0 && ms.m00 > 0 && mh.m01 / mh.m00 < ms.m01 / ms.m00;
  const bool touches_bottom = cv::countNonZero(head.row(head.rows - 1)) > head.cols / 10;
  if (face.area() > 0) {
    // A head bowed toward the camera shows its brows and face below a bare crown, its eyes
    // looking down: a face box without an eye in its upper half, above a bare midline.
    out.face_below_crown = face_eyes == false && skin_frac >= cues.view_front_max_skin;
    if (!out.face_below_crown) {
      out.view = ViewKind::Front;
      out.front_dir = {0, 1};
      out.why = "frontal face found";
      return out;
    }
  }
  why << "midline skin " << std::lround(skin_frac * 100) << "%";
  if (out.face_below_crown) why << ", face below a bowed crown";
  if (skin_frac < cues.view_front_max_skin && hair_above && touches_bottom) {
    out.view = ViewKind::Front;
    out.front_dir = {0, 1};
    out.why = why.str() + ", hair above forehead: frontal";
    return out;
  }

  // Top view: the cues vote on each candidate direction (see front_vote).
  const FrontVote vote = vote_front(head, photo_head.empty() ? head : photo_head, hair, skin_rule, luma, ellipse, cues);
  out.front_dir = vote.front_dir;
  out.confidence = vote.confidence;
  out.brow_u = vote.brow_u;
  why << vote.why;
  out.view = ViewKind::Top;
  out.why = why.str();
  return out;
}

}  // namespace smp::sim::detect
