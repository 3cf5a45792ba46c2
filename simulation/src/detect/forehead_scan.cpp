#include "detect/forehead_scan.hpp"

#include "detect/head_geometry.hpp"

#include <cmath>

namespace smp::sim::detect {

std::optional<double> hair_start_toward(const cv::Mat1f& texture, const cv::Mat1b& head, const cv::RotatedRect& e,
                                        cv::Point2d dir, const ForeheadScanParams& p) {
  if (texture.empty() || texture.size() != head.size() || p.step <= 0) return std::nullopt;
  const cv::Point2d c(e.center.x, e.center.y), lat(-dir.y, dir.x);
  const double a = semi_axes_along(e, dir)[0], b = semi_axes_along(e, lat)[0];
  if (a < 1 || b < 1) return std::nullopt;
  constexpr int kAcross = 8;  // samples on each side of the midline
  const int forehead_steps = static_cast<int>(std::ceil(p.min_forehead / p.step));
  int smooth_run = 0, busy_run = 0;
  for (double u = 1.05; u >= p.min_u; u -= p.step) {
    int n = 0, busy = 0;
    for (int j = -kAcross; j <= kAcross; ++j) {
      const cv::Point2d q = c + dir * (u * a) + lat * (p.band * b * j / kAcross);
      const int x = static_cast<int>(std::lround(q.x)), y = static_cast<int>(std::lround(q.y));
      if (x < 0 || y < 0 || x >= head.cols || y >= head.rows || !head(y, x)) continue;
      ++n;
      if (texture(y, x) > p.busy_texture) ++busy;
    }
    if (n < kAcross) {  // mostly off the head: the front end is not reached yet
      smooth_run = busy_run = 0;
      continue;
    }
    if (busy < p.min_busy_share * n) {
      ++smooth_run;
      busy_run = 0;
      continue;
    }
    if (smooth_run < forehead_steps) {  // busy before any forehead: the outline's own edge
      smooth_run = 0;
      continue;
    }
    if (++busy_run >= p.persist) return u + (p.persist - 1) * p.step;
  }
  return std::nullopt;
}

}  // namespace smp::sim::detect
