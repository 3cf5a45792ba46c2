#include "detect/hairline_placement.hpp"

#include "detect/head_geometry.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim::detect {

namespace {

// Half-curve shapes, first point on the midline. (u, v): u lateral, v forward.
// Top view: in units of the head's semi-axes (u across, v along the face direction).
struct ShapePoint {
  double u, v;
};
constexpr ShapePoint kTopShape[] = {{0.0, 0.0}, {0.30, -0.02}, {0.55, -0.11}, {0.72, -0.19}, {0.88, -0.28}};
// Frontal view: in units of the half head width; v is downward in the image from the
// mid-frontal point (negative = higher): the fronto-temporal recession sits higher, the
// temple points drop toward the sideburns.
constexpr ShapePoint kFrontShape[] = {{0.0, 0.0}, {0.30, -0.03}, {0.55, -0.12}, {0.75, -0.10}, {0.92, 0.10}};

bool on_head(const ScalpDetection& det, cv::Point2d p, cv::Size photo) {
  if (p.x < 0 || p.y < 0 || p.x >= photo.width || p.y >= photo.height) return false;
  const cv::Size m = det.scalp.size();
  const int x = std::clamp(static_cast<int>(p.x * m.width / photo.width), 0, m.width - 1);
  const int y = std::clamp(static_cast<int>(p.y * m.height / photo.height), 0, m.height - 1);
  return det.scalp(y, x) || (!det.hair.empty() && det.hair(y, x));
}

// Image row (photo pixels) where hair starts, scanning the columns x +- half_width (photo
// pixels) upward from the face; -1 if none. With `joined_to_thick`, where the columns hold
// thick hair the edge is that of the hair joined to it (a sparse fringe included): brows,
// which the hair mask also takes in, lie below a strip of bare skin and are passed over.
// Without it, the lowest hair counts (the remnants of receding temples included).
double existing_hair_edge(const ScalpDetection& det, cv::Size photo, double x, double half_width,
                          bool joined_to_thick) {
  if (det.hair.empty()) return -1;
  const cv::Size m = det.hair.size();
  const double sx = static_cast<double>(m.width) / photo.width, sy = static_cast<double>(m.height) / photo.height;
  const int cx = static_cast<int>(x * sx);
  const int half = std::max(1, static_cast<int>(half_width * sx));
  const int x0 = std::clamp(cx - half, 0, m.width - 1), x1 = std::clamp(cx + half, 0, m.width - 1);
  if (cx + half < 0 || cx - half >= m.width) return -1;
  const int run = std::max(2, m.height / 50);  // hair must persist over this many rows
  const auto covered = [&](const cv::Mat1b& mask, int y) {
    return cv::countNonZero(mask.row(y).colRange(x0, x1 + 1)) > (x1 - x0 + 1) / 2;
  };
  // The lowest row where `mask` starts a streak of `run` rows, scanning upward; -1 if none.
  const auto lowest_streak = [&](const cv::Mat1b& mask) {
    int streak = 0;
    for (int y = m.height - 1; y >= 0; --y) {
      streak = covered(mask, y) ? streak + 1 : 0;
      if (streak >= run) return y + run - 1;
    }
    return -1;
  };
  const int thick = joined_to_thick && det.thick_hair.size() == m ? lowest_streak(det.thick_hair) : -1;
  if (thick < 0) {
    const int y = lowest_streak(det.hair);
    return y < 0 ? -1 : y / sy;
  }
  // Down from the thick hair through the hair joined to it; a gap of `run` rows ends it.
  int edge = thick;
  for (int y = thick + 1, gap = 0; y < m.height && gap < run; ++y) {
    if (covered(det.hair, y)) {
      edge = y;
      gap = 0;
    } else {
      ++gap;
    }
  }
  return edge / sy;
}

// Visible head extent along `dir` relative to the midline origin: {back, front}, photo pixels.
cv::Vec2d extent_on_axis(const ScalpDetection& det, const HeadFrame& frame, cv::Size photo) {
  const cv::Size m = det.scalp.size();
  const double sx = static_cast<double>(photo.width) / m.width, sy = static_cast<double>(photo.height) / m.height;
  double lo = 0, hi = 0;
  for (int y = 0; y < m.height; y += 2)
    for (int x = 0; x < m.width; x += 2)
      if (det.scalp(y, x) || (!det.hair.empty() && det.hair(y, x))) {
        const double t = (cv::Point2d((x + 0.5) * sx, (y + 0.5) * sy) - frame.midline_origin).dot(frame.front_dir);
        lo = std::min(lo, t);
        hi = std::max(hi, t);
      }
  return {lo, hi};
}

// Share of the head's front end, across its middle, where the head runs on out of the photo:
// the frame cuts off the forehead and face (a head bowed toward the camera, a close crop), so
// the outline's front end is extrapolated, however near the photo's edge it lies.
double front_cut_share(const ScalpDetection& det, const HeadFrame& frame, double a, double b, cv::Size photo,
                       const HairlineRules& rules) {
  if (det.head.empty()) return 0;
  const cv::Size m = det.head.size();
  const double sx = static_cast<double>(m.width) / photo.width, sy = static_cast<double>(m.height) / photo.height;
  const cv::Point2d f = frame.front_dir, l = frame.lateral_dir();
  constexpr int kAcross = 12, kAlong = 40;  // samples across the middle; steps from the end outward
  int cut = 0;
  for (int j = -kAcross; j <= kAcross; ++j) {
    for (int i = 0; i <= kAlong; ++i) {
      const double u = rules.top_cut_from + (rules.top_cut_to - rules.top_cut_from) * i / kAlong;
      const cv::Point2d p = frame.midline_origin + f * (u * a) + l * (rules.top_cut_band * b * j / kAcross);
      if (p.x < 0 || p.y < 0 || p.x >= photo.width || p.y >= photo.height) {
        ++cut;
        break;
      }
      if (!det.head(static_cast<int>(p.y * sy), static_cast<int>(p.x * sx))) break;
    }
  }
  return static_cast<double>(cut) / (2 * kAcross + 1);
}

bool inside(cv::Point2d p, cv::Size photo, double margin) {
  return p.x >= -margin && p.y >= -margin && p.x <= photo.width + margin && p.y <= photo.height + margin;
}

}  // namespace

std::vector<cv::Point2d> default_hairline(const ScalpDetection& det, const HeadFrame& frame, double px_per_mm,
                                          cv::Size photo, const HairlineRules& rules) {
  std::vector<cv::Point2d> pts;
  const cv::Point2d c = frame.midline_origin, f = frame.front_dir, l = frame.lateral_dir();
  if (frame.view == ViewKind::Top) {
    const cv::Vec2d ax = semi_axes_along(frame.outline, f);
    const double a = ax[0], b = ax[1];
    double t = rules.top_mid_frontal * a;
    if (!inside(c + f * a, photo, 0.02 * std::max(photo.width, photo.height)) ||
        front_cut_share(det, frame, a, b, photo, rules) >= rules.top_cut_min_share) {
      const cv::Vec2d ext = extent_on_axis(det, frame, photo);
      t = std::min(t, ext[0] + rules.top_visible_limit * (ext[1] - ext[0]));
    }
    if (det.brows) {
      // Never lower than the forehead allows: the ellipse of a view that shows the face takes
      // in part of the forehead, and 0.7 of it lands just above the brows.
      const double brow_t = (*det.brows - c).dot(f);
      t = std::min(t, brow_t - rules.mid_frontal_above_glabella_mm * rules.top_forehead_foreshortening * px_per_mm);
    }
    // A bowed head shows its forehead face-on: the scalp, and the hairline, start where the hair does.
    if (det.hair_start) t = std::min(t, (*det.hair_start - c).dot(f));
    const cv::Point2d mid = c + f * t;
    if (!det.found || !on_head(det, mid, photo)) return {};  // the front is not in the photo
    for (const ShapePoint& s : kTopShape) pts.push_back(mid + l * (s.u * b) + f * (s.v * a));
    return pts;
  }
  // Frontal: from the eye line when a face was found, else at the existing hairline.
  const double half_w = std::max(det.head_width_px / 2, 1.0);
  const double head_top = c.y - semi_axes_along(frame.outline, f)[0];
  double mid_y;
  if (det.face.area() > 0) {
    const double eyes = det.face.y + 0.4 * det.face.height;
    mid_y = eyes - (rules.glabella_above_eyes_mm +
                    rules.mid_frontal_above_glabella_mm * rules.forehead_foreshortening) * px_per_mm;
  } else {
    mid_y = existing_hair_edge(det, photo, c.x, 0.08 * det.head_width_px, true);
    if (mid_y < 0) mid_y = head_top + 0.7 * half_w;
  }
  mid_y = std::clamp(mid_y, head_top + 0.3 * half_w, head_top + 2.0 * half_w);
  const cv::Point2d mid(c.x, mid_y);
  for (const ShapePoint& s : kFrontShape) {
    cv::Point2d p = mid + l * (s.u * half_w) + f * (s.v * half_w);
    if (s.u >= rules.front_temple_from) {
      // The fronto-temporal angle is not filled in: where the client's temple hair starts
      // higher than the shape, the hairline follows it (the lower of the two sides).
      const double band = rules.front_temple_band * half_w;
      const double e1 = existing_hair_edge(det, photo, c.x + s.u * half_w, band, false);
      const double e2 = existing_hair_edge(det, photo, c.x - s.u * half_w, band, false);
      if (e1 >= 0 && e2 >= 0) p.y = std::min(p.y, std::max(e1, e2));
    }
    pts.push_back(p);
  }
  return pts;
}

}  // namespace smp::sim::detect
