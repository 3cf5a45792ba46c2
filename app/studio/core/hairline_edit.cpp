#include "hairline_edit.hpp"

#include "smp/sim/hairline_curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp::studio {

namespace {

constexpr std::size_t kMaxPoints = 64;  // plan validation's limit

cv::Point2d onto_midline(cv::Point2d p, const sim::HeadFrame& head) {
  const cv::Point2d lat = head.lateral_dir();
  return p - (p - head.midline_origin).dot(lat) * lat;
}

// Distance from p to segment ab and the parameter of the closest point.
double segment_distance(cv::Point2d p, cv::Point2d a, cv::Point2d b, double& t) {
  const cv::Point2d ab = b - a;
  const double len2 = ab.dot(ab);
  t = len2 > 0 ? (p - a).dot(ab) / len2 : 0.0;
  const cv::Point2d q = a + std::clamp(t, 0.0, 1.0) * ab;
  return cv::norm(p - q);
}

cv::Point2d rotate_about(cv::Point2d p, cv::Point2d centre, double radians) {
  const double c = std::cos(radians), s = std::sin(radians);
  const cv::Point2d d = p - centre;
  return centre + cv::Point2d(c * d.x - s * d.y, s * d.x + c * d.y);
}

}  // namespace

StoredIndex stored_index(const sim::Hairline& hairline, int displayed) {
  const int n = static_cast<int>(hairline.control_points.size());
  if (displayed < 0) return {};
  if (!hairline.symmetric) return displayed < n ? StoredIndex{displayed, false} : StoredIndex{};
  if (displayed >= 2 * n - 1) return {};
  if (displayed < n - 1) return {n - 1 - displayed, true};
  return {displayed - (n - 1), false};
}

void move_point(sim::Plan& plan, int displayed, cv::Point2d photo) {
  const StoredIndex s = stored_index(plan.hairline, displayed);
  if (s.index < 0) return;
  cv::Point2d p = s.mirrored ? sim::mirror_about_midline(photo, plan.head) : photo;
  if (plan.hairline.symmetric && s.index == 0) p = onto_midline(p, plan.head);
  plan.hairline.control_points[static_cast<std::size_t>(s.index)] = p;
}

bool insert_point(sim::Plan& plan, cv::Point2d photo) {
  auto& pts = plan.hairline.control_points;
  if (pts.size() >= kMaxPoints) return false;
  if (pts.size() < 2) {
    pts.push_back(photo);
    return true;
  }
  cv::Point2d p = photo;
  if (plan.hairline.symmetric && (p - plan.head.midline_origin).dot(plan.head.lateral_dir()) *
                                         (pts.back() - plan.head.midline_origin).dot(plan.head.lateral_dir()) <
                                     0)
    p = sim::mirror_about_midline(p, plan.head);  // clicked on the mirrored side
  double best = std::numeric_limits<double>::max();
  std::size_t at = pts.size();
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    double t = 0;
    const double d = segment_distance(p, pts[i], pts[i + 1], t);
    if (d < best) {
      best = d;
      at = (i + 2 == pts.size() && t > 1.0) ? pts.size() : i + 1;
      if (!plan.hairline.symmetric && i == 0 && t < 0.0) at = 0;
    }
  }
  if (plan.hairline.symmetric && at == 0) at = 1;  // the midline point stays first
  pts.insert(pts.begin() + static_cast<std::ptrdiff_t>(at), p);
  return true;
}

bool remove_point(sim::Plan& plan, int displayed) {
  const StoredIndex s = stored_index(plan.hairline, displayed);
  auto& pts = plan.hairline.control_points;
  if (s.index < 0 || pts.size() <= 2) return false;
  if (plan.hairline.symmetric && s.index == 0) return false;
  pts.erase(pts.begin() + s.index);
  return true;
}

void set_symmetric(sim::Plan& plan, bool symmetric) {
  sim::Hairline& h = plan.hairline;
  if (h.symmetric == symmetric) return;
  if (!symmetric) {
    h.control_points = sim::full_control_points(h, plan.head);
    h.symmetric = false;
    return;
  }
  // Keep the points on the side of the last point, from the midline outward.
  const cv::Point2d lat = plan.head.lateral_dir();
  const auto across = [&](cv::Point2d p) { return (p - plan.head.midline_origin).dot(lat); };
  std::vector<cv::Point2d> side;
  const double sign = h.control_points.empty() || across(h.control_points.back()) >= 0 ? 1.0 : -1.0;
  for (const auto& p : h.control_points)
    if (across(p) * sign > 0) side.push_back(p);
  std::sort(side.begin(), side.end(), [&](auto a, auto b) { return across(a) * sign < across(b) * sign; });
  cv::Point2d centre = plan.head.midline_origin;
  if (!h.control_points.empty()) {
    const auto nearest = std::min_element(h.control_points.begin(), h.control_points.end(),
                                          [&](auto a, auto b) { return std::abs(across(a)) < std::abs(across(b)); });
    centre = onto_midline(*nearest, plan.head);
  }
  side.insert(side.begin(), centre);
  if (side.size() < 2) side.push_back(centre + 40.0 * plan.calibration.px_per_mm * lat);
  h.control_points = side;
  h.symmetric = true;
}

void move_midline(sim::Plan& plan, const sim::Plan& start, cv::Point2d delta, double radians) {
  const cv::Point2d centre = start.head.midline_origin;
  plan.head.midline_origin = centre + delta;
  const cv::Point2d f = rotate_about(start.head.front_dir, {0, 0}, radians);
  plan.head.front_dir = f * (1.0 / cv::norm(f));
  auto& pts = plan.hairline.control_points;
  pts = start.hairline.control_points;
  for (auto& p : pts) p = rotate_about(p, centre, radians) + delta;
}

}  // namespace smp::studio
