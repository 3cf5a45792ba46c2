#include "point_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp::bench {

std::vector<int> nearest_neighbours(std::span<const cv::Point2f> pts, double max_dist) {
  std::vector<int> nn(pts.size(), -1);
  if (pts.empty()) return nn;
  float x0 = pts[0].x, y0 = pts[0].y, x1 = x0, y1 = y0;
  for (const auto& p : pts) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  const double cell = std::max(max_dist, 1e-3);
  const int cols = static_cast<int>((x1 - x0) / cell) + 1, rows = static_cast<int>((y1 - y0) / cell) + 1;
  // Counting sort of the points into cells (compact, cache friendly for a million points).
  std::vector<int> start(static_cast<std::size_t>(cols) * rows + 1, 0), order(pts.size());
  auto cell_of = [&](const cv::Point2f& p) {
    return static_cast<std::size_t>(static_cast<int>((p.y - y0) / cell)) * cols + static_cast<int>((p.x - x0) / cell);
  };
  for (const auto& p : pts) ++start[cell_of(p) + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<int> fill(start.begin(), start.end() - 1);
  for (int i = 0; i < static_cast<int>(pts.size()); ++i) order[fill[cell_of(pts[i])]++] = i;

  const double max2 = max_dist * max_dist;
  for (int i = 0; i < static_cast<int>(pts.size()); ++i) {
    const int cx = static_cast<int>((pts[i].x - x0) / cell), cy = static_cast<int>((pts[i].y - y0) / cell);
    double best = max2;
    for (int y = std::max(cy - 1, 0); y <= std::min(cy + 1, rows - 1); ++y)
      for (int x = std::max(cx - 1, 0); x <= std::min(cx + 1, cols - 1); ++x) {
        const std::size_t c = static_cast<std::size_t>(y) * cols + x;
        for (int k = start[c]; k < start[c + 1]; ++k) {
          const int j = order[k];
          if (j == i) continue;
          const double dx = pts[j].x - pts[i].x, dy = pts[j].y - pts[i].y, d2 = dx * dx + dy * dy;
          if (d2 < best) best = d2, nn[i] = j;
        }
      }
  }
  return nn;
}

namespace {

std::vector<cv::Point2f> positions(std::span<const sim::Impression> imps) {
  std::vector<cv::Point2f> p;
  p.reserve(imps.size());
  for (const auto& i : imps) p.push_back(i.pos);
  return p;
}

}  // namespace

double rho_uniform(std::span<const sim::Impression> imps, double area_px2) {
  if (imps.size() < 2) return 0;
  const auto pts = positions(imps);
  const double hex_r = std::sqrt(area_px2 / (2.0 * std::sqrt(3.0) * static_cast<double>(pts.size())));
  const auto nn = nearest_neighbours(pts, 4 * hex_r);
  double min_d = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (nn[i] >= 0) min_d = std::min(min_d, static_cast<double>(cv::norm(pts[i] - pts[nn[i]])));
  return 0.5 * min_d / hex_r;
}

double rho_variable(std::span<const sim::Impression> imps, const sim::DensityField& field, double floor_fraction) {
  if (imps.size() < 2 || field.empty()) return 0;
  const auto pts = positions(imps);
  double peak = 0;
  for (const auto& p : pts) peak = std::max(peak, field.per_px2_at(p));
  const double floor = floor_fraction * peak;
  // Search radius: a few spacings at the floor density.
  const auto nn = nearest_neighbours(pts, 4.0 / std::sqrt(floor));
  double rho = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const double di = field.per_px2_at(pts[i]);
    if (nn[i] < 0 || di < floor) continue;
    const double d = std::max(di, field.per_px2_at(pts[nn[i]]));
    const double hex_r = std::sqrt(1.0 / (2.0 * std::sqrt(3.0) * d));
    rho = std::min(rho, 0.5 * static_cast<double>(cv::norm(pts[i] - pts[nn[i]])) / hex_r);
  }
  return rho;
}

}  // namespace smp::bench
