#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp::sim {

namespace {

double dist(const cv::Point2d& a, const cv::Point2d& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Centripetal Catmull-Rom (alpha = 0.5): no cusps or self-intersections between points.
cv::Point2d catmull_rom(const cv::Point2d& p0, const cv::Point2d& p1, const cv::Point2d& p2,
                        const cv::Point2d& p3, double u) {
  const double t0 = 0;
  const double t1 = t0 + std::max(std::sqrt(dist(p0, p1)), 1e-6);
  const double t2 = t1 + std::max(std::sqrt(dist(p1, p2)), 1e-6);
  const double t3 = t2 + std::max(std::sqrt(dist(p2, p3)), 1e-6);
  const double t = t1 + (t2 - t1) * u;
  const cv::Point2d a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1;
  const cv::Point2d a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2;
  const cv::Point2d a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3;
  const cv::Point2d b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2;
  const cv::Point2d b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3;
  return (t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2;
}

}  // namespace

cv::Point2d mirror_about_midline(const cv::Point2d& p, const HeadFrame& head) {
  const cv::Point2d lat = head.lateral_dir();
  const double across = (p - head.midline_origin).dot(lat);
  return p - 2.0 * across * lat;
}

std::vector<cv::Point2d> full_control_points(const Hairline& hairline, const HeadFrame& head) {
  const auto& half = hairline.control_points;
  if (!hairline.symmetric || half.empty()) return half;
  std::vector<cv::Point2d> full;
  full.reserve(half.size() * 2);
  for (auto it = half.rbegin(); it != half.rend(); ++it) full.push_back(mirror_about_midline(*it, head));
  // The first stored point lies on the midline: keep one copy of it, placed exactly there.
  full.back() = 0.5 * (full.back() + half.front());
  full.insert(full.end(), half.begin() + 1, half.end());
  return full;
}

std::vector<cv::Point2d> sample_hairline(const Hairline& hairline, const HeadFrame& head,
                                         int samples_per_segment) {
  const std::vector<cv::Point2d> pts = full_control_points(hairline, head);
  if (pts.size() < 2) return pts;
  samples_per_segment = std::max(samples_per_segment, 1);
  std::vector<cv::Point2d> out;
  const std::size_t n = pts.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    // Phantom end points continue the end segments straight on.
    const cv::Point2d p0 = i == 0 ? 2.0 * pts[0] - pts[1] : pts[i - 1];
    const cv::Point2d p3 = i + 2 < n ? pts[i + 2] : 2.0 * pts[n - 1] - pts[n - 2];
    if (dist(pts[i], pts[i + 1]) < 1e-9) continue;
    for (int s = 0; s < samples_per_segment; ++s)
      out.push_back(catmull_rom(p0, pts[i], pts[i + 1], p3, static_cast<double>(s) / samples_per_segment));
  }
  out.push_back(pts.back());
  return out;
}

cv::Mat1b hairline_front_mask(const Hairline& hairline, const HeadFrame& head, cv::Size photo_size, cv::Size field_size) {
  if (!hairline.enabled() || field_size.area() == 0 || photo_size.area() == 0) return {};
  const std::vector<cv::Point2d> curve = sample_hairline(hairline, head);
  if (curve.size() < 2) return {};
  const double sx = static_cast<double>(field_size.width) / photo_size.width;
  const double sy = static_cast<double>(field_size.height) / photo_size.height;
  const double far = 4.0 * (field_size.width + field_size.height);  // beyond the field in every direction

  auto to_field = [&](const cv::Point2d& p) { return cv::Point2d(p.x * sx, p.y * sy); };
  auto unit = [](cv::Point2d v) {
    const double n = std::hypot(v.x, v.y);
    return n > 1e-12 ? v * (1.0 / n) : cv::Point2d(0, 0);
  };
  // Field-space front direction (scaling can be anisotropic by a rounding hair).
  const cv::Point2d front = unit({head.front_dir.x * sx, head.front_dir.y * sy});

  // Region in front of the line: the curve, its ends pushed out along their tangents,
  // then closed far toward the face.
  std::vector<cv::Point2d> field_curve;
  field_curve.reserve(curve.size());
  for (const auto& p : curve) field_curve.push_back(to_field(p));
  const cv::Point2d t_start = unit(field_curve[0] - field_curve[1]);
  const cv::Point2d t_end = unit(field_curve.back() - field_curve[field_curve.size() - 2]);
  std::vector<cv::Point> poly;
  const cv::Point2d start_ext = field_curve.front() + far * t_start;
  const cv::Point2d end_ext = field_curve.back() + far * t_end;
  poly.emplace_back(cv::Point(start_ext + far * front));
  poly.emplace_back(cv::Point(start_ext));
  for (const auto& p : field_curve) poly.emplace_back(cv::Point(p));
  poly.emplace_back(cv::Point(end_ext));
  poly.emplace_back(cv::Point(end_ext + far * front));

  cv::Mat1b in_front(field_size, 0);
  // fillPoly clips; a large coordinate range is fine for the rasteriser.
  std::vector<std::vector<cv::Point>> polys{poly};
  cv::fillPoly(in_front, polys, 255, cv::LINE_8);
  return in_front;
}

std::optional<HairlineEnds> hairline_ends(const Hairline& hairline, const HeadFrame& head) {
  if (!hairline.enabled()) return std::nullopt;
  const cv::Point2d lateral = head.lateral_dir();
  const double n = std::hypot(lateral.x, lateral.y);
  const std::vector<cv::Point2d> curve = sample_hairline(hairline, head);
  if (curve.size() < 2 || !(n > 1e-12)) return std::nullopt;
  HairlineEnds e{lateral / n, curve.front(), curve.front()};
  for (const cv::Point2d& p : curve) {
    if (p.dot(e.across) < e.low.dot(e.across)) e.low = p;
    if (p.dot(e.across) > e.high.dot(e.across)) e.high = p;
  }
  return e;
}

cv::Mat1b hairline_span_mask(const Hairline& hairline, const HeadFrame& head, cv::Size photo_size, cv::Size field_size,
                             double margin_px) {
  cv::Mat1b out(field_size, uchar{255});
  if (field_size.area() == 0 || photo_size.area() == 0) return out;
  const std::optional<HairlineEnds> ends = hairline_ends(hairline, head);
  if (!ends) return out;
  const cv::Point2d across = ends->across;
  const double lo = ends->low.dot(across) - margin_px, hi = ends->high.dot(across) + margin_px;
  const double sx = static_cast<double>(photo_size.width) / field_size.width;
  const double sy = static_cast<double>(photo_size.height) / field_size.height;
  for (int y = 0; y < field_size.height; ++y) {
    uchar* row = out.ptr<uchar>(y);
    const double v = (y + 0.5) * sy * across.y;
    for (int x = 0; x < field_size.width; ++x) {
      const double u = (x + 0.5) * sx * across.x + v;
      if (u < lo || u > hi) row[x] = 0;
    }
  }
  return out;
}

namespace {

cv::Mat1f signed_distance_px(const cv::Mat1b& in_front, double to_photo) {
  cv::Mat1b behind;
  cv::bitwise_not(in_front, behind);
  cv::Mat1f d_behind, d_front;  // distance to the nearest pixel of the other side
  cv::distanceTransform(behind, d_behind, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  cv::distanceTransform(in_front, d_front, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  cv::Mat1f signed_px;
  cv::subtract(d_behind, d_front, signed_px);
  signed_px *= to_photo;
  return signed_px;
}

}  // namespace

cv::Mat1f signed_distance_to_front(const cv::Mat1b& in_front, cv::Size photo_size, cv::Size field_size,
                                   double band_px) {
  const double sx = static_cast<double>(field_size.width) / photo_size.width;
  const double sy = static_cast<double>(field_size.height) / photo_size.height;
  // Field pixels -> photo pixels (use the mean scale; fields keep the photo's aspect).
  const double to_photo = 2.0 / (sx + sy);
  if (!(band_px < std::numeric_limits<double>::infinity())) return signed_distance_px(in_front, to_photo);

  // Beyond the band every pixel is +-band: only the line's box, grown by the band, is measured.
  // A pixel within the band of the other side has its nearest pixel of that side on the line,
  // and lies within the band (plus a pixel) of it, so both are inside the grown box.
  const float band = static_cast<float>(std::max(band_px, 0.0));
  cv::Mat1f out(in_front.size(), band);
  out.setTo(-band, in_front);
  const double band_field_px = std::min(band_px / to_photo, static_cast<double>(in_front.cols + in_front.rows));
  const cv::Rect roi = edge_box(in_front, static_cast<int>(std::ceil(band_field_px)) + 2);
  if (roi.empty()) return out;
  cv::Mat1f near = signed_distance_px(in_front(roi), to_photo);
  cv::min(cv::max(near, -band), band, near);
  near.copyTo(out(roi));
  return out;
}

cv::Mat1f hairline_signed_distance(const Hairline& hairline, const HeadFrame& head,
                                   cv::Size photo_size, cv::Size field_size) {
  const cv::Mat1b in_front = hairline_front_mask(hairline, head, photo_size, field_size);
  return in_front.empty() ? cv::Mat1f() : signed_distance_to_front(in_front, photo_size, field_size);
}

}  // namespace smp::sim
