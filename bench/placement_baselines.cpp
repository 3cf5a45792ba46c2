#include "placement_baselines.hpp"

#include "smp/sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::bench {

std::vector<sim::Impression> dart_throwing(const sim::DensityField& field, std::size_t darts, std::uint64_t seed,
                                           const sim::PlacementParams& params) {
  std::vector<sim::Impression> out;
  if (field.empty()) return out;
  const double peak = field.max_density / 100.0 / (field.px_per_mm * field.px_per_mm);
  const double floor = params.floor_fraction * peak;
  const double r_min = sim::poisson_radius_px(peak, params);
  const double cell = r_min / std::numbers::sqrt2;
  const int cols = static_cast<int>(std::ceil(field.photo_size.width / cell));
  const int rows = static_cast<int>(std::ceil(field.photo_size.height / cell));
  std::vector<int> grid(static_cast<std::size_t>(cols) * rows, -1);
  sim::Rng rng(seed);
  const float w = static_cast<float>(field.photo_size.width), h = static_cast<float>(field.photo_size.height);
  for (std::size_t k = 0; k < darts; ++k) {
    const cv::Point2f c(w * static_cast<float>(rng.uniform()), h * static_cast<float>(rng.uniform()));
    const double d = field.per_px2_at(c);
    if (d <= 0) continue;
    const double r = sim::poisson_radius_px(std::max(d, floor), params);
    const int reach = static_cast<int>(std::ceil(r / cell));
    const int cx = std::min(static_cast<int>(c.x / cell), cols - 1), cy = std::min(static_cast<int>(c.y / cell), rows - 1);
    if (grid[static_cast<std::size_t>(cy) * cols + cx] >= 0) continue;
    bool free = true;
    for (int y = std::max(cy - reach, 0); free && y <= std::min(cy + reach, rows - 1); ++y)
      for (int x = std::max(cx - reach, 0); x <= std::min(cx + reach, cols - 1); ++x) {
        const int i = grid[static_cast<std::size_t>(y) * cols + x];
        if (i >= 0 && cv::norm(out[i].pos - c) < r) {
          free = false;
          break;
        }
      }
    if (!free) continue;
    grid[static_cast<std::size_t>(cy) * cols + cx] = static_cast<int>(out.size());
    out.push_back({c, static_cast<std::uint32_t>(rng.next()), 1});
  }
  return out;
}

double random_candidates(const sim::DensityField& field, std::size_t count, std::uint64_t seed) {
  sim::Rng rng(seed);
  const float w = static_cast<float>(field.photo_size.width), h = static_cast<float>(field.photo_size.height);
  double sum = 0;
  for (std::size_t k = 0; k < count; ++k)
    sum += field.at({w * static_cast<float>(rng.uniform()), h * static_cast<float>(rng.uniform())});
  return sum;
}

}  // namespace smp::bench
