#include "smp/sim/placement.hpp"

#include "smp/sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace smp::sim {

double poisson_radius_px(double per_px2, const PlacementParams& params) {
  return per_px2 > 0 ? std::sqrt(params.packing / per_px2) : 0.0;
}

std::vector<double> session_cumulative_fractions(int sessions) {
  sessions = std::max(sessions, 1);
  // Weights n, n-1, ..., 1: the first session lays the widest, largest layer.
  const double total = sessions * (sessions + 1) / 2.0;
  std::vector<double> out;
  double sum = 0;
  for (int k = 0; k < sessions; ++k) {
    sum += sessions - k;
    out.push_back(sum / total);
  }
  out.back() = 1.0;
  return out;
}

namespace {

// Background grid over the photo with cells small enough to hold at most one impression.
class PointGrid {
 public:
  PointGrid(cv::Size photo, double cell) : cell_(cell), inv_cell_(1.0 / cell) {
    cols_ = std::max(1, static_cast<int>(std::ceil(photo.width * inv_cell_)));
    rows_ = std::max(1, static_cast<int>(std::ceil(photo.height * inv_cell_)));
    cells_.assign(static_cast<std::size_t>(cols_) * rows_, -1);
  }
  int cell_x(float x) const { return std::clamp(static_cast<int>(x * inv_cell_), 0, cols_ - 1); }
  int cell_y(float y) const { return std::clamp(static_cast<int>(y * inv_cell_), 0, rows_ - 1); }
  void insert(cv::Point2f p, int index) { cells_[static_cast<std::size_t>(cell_y(p.y)) * cols_ + cell_x(p.x)] = index; }

  // True when any stored point lies closer than r to p.
  bool conflicts(cv::Point2f p, double r, const std::vector<cv::Point2f>& points) const {
    const int reach = static_cast<int>(std::ceil(r * inv_cell_));
    const int cx = cell_x(p.x), cy = cell_y(p.y);
    const int x0 = std::max(cx - reach, 0), x1 = std::min(cx + reach, cols_ - 1);
    const int y0 = std::max(cy - reach, 0), y1 = std::min(cy + reach, rows_ - 1);
    const double r2 = r * r;
    for (int y = y0; y <= y1; ++y) {
      const int* row = &cells_[static_cast<std::size_t>(y) * cols_];
      for (int x = x0; x <= x1; ++x) {
        const int i = row[x];
        if (i < 0) continue;
        const double dx = points[i].x - p.x, dy = points[i].y - p.y;
        if (dx * dx + dy * dy < r2) return true;
      }
    }
    return false;
  }

 private:
  double cell_, inv_cell_;
  int cols_ = 0, rows_ = 0;
  std::vector<int> cells_;
};

// Per-field-pixel density in impressions per photo px^2 at this session's level.
struct SessionDensity {
  cv::Mat1f per_px2;
  double fx = 1, fy = 1;  // field pixels per photo pixel
  double peak = 0;

  double at(cv::Point2f p) const {
    const int x = static_cast<int>(p.x * fx), y = static_cast<int>(p.y * fy);
    if (p.x < 0 || p.y < 0 || x >= per_px2.cols || y >= per_px2.rows) return 0;
    return per_px2(y, x);
  }
};

SessionDensity session_density(const DensityField& field, double fraction) {
  SessionDensity s;
  s.fx = field.field_per_photo_x();
  s.fy = field.field_per_photo_y();
  const double to_px2 = fraction / 100.0 / (field.px_per_mm * field.px_per_mm);
  field.density.convertTo(s.per_px2, CV_32F, to_px2);
  if (!field.area_factor.empty()) s.per_px2 = s.per_px2.mul(field.area_factor);
  double mx = 0;
  cv::minMaxLoc(s.per_px2, nullptr, &mx);
  s.peak = mx;
  return s;
}

}  // namespace

std::vector<Impression> place_session(const DensityField& field, double cumulative_fraction, int session,
                                      std::uint64_t seed, std::span<const Impression> earlier,
                                      const PlacementParams& params) {
  if (field.empty() || cumulative_fraction <= 0) return {};
  if (params.packing <= 0 || params.attempts < 1 || params.floor_fraction <= 0 || params.floor_fraction > 1)
    throw std::invalid_argument("placement parameters out of range");
  const SessionDensity dens = session_density(field, cumulative_fraction);
  if (dens.peak <= 0) return {};
  const double floor = params.floor_fraction * dens.peak;
  const double r_min = poisson_radius_px(dens.peak, params);
  const double r_max = poisson_radius_px(floor, params);
  const cv::Size photo = field.photo_size;

  PointGrid grid(photo, r_min / std::numbers::sqrt2);
  std::vector<cv::Point2f> points;  // earlier impressions first, then this session's
  std::vector<float> radius;        // Poisson radius at each point (this session's level)
  points.reserve(earlier.size() * 2 + 1024);
  radius.reserve(points.capacity());
  std::vector<int> active;

  auto radius_at = [&](double d) { return poisson_radius_px(std::max(d, floor), params); };
  for (const Impression& e : earlier) {
    grid.insert(e.pos, static_cast<int>(points.size()));
    active.push_back(static_cast<int>(points.size()));
    points.push_back(e.pos);
    radius.push_back(static_cast<float>(radius_at(dens.at(e.pos))));
  }
  const std::size_t first_new = points.size();
  Rng rng(hash_combine(seed, 0x5e55'0000ull + static_cast<std::uint64_t>(session)));

  auto try_accept = [&](cv::Point2f c) {
    if (c.x < 0 || c.y < 0 || c.x >= static_cast<float>(photo.width) || c.y >= static_cast<float>(photo.height)) return false;
    const double d = dens.at(c);
    if (d <= 0) return false;
    const double r = radius_at(d);
    if (grid.conflicts(c, r, points)) return false;
    grid.insert(c, static_cast<int>(points.size()));
    active.push_back(static_cast<int>(points.size()));
    points.push_back(c);
    radius.push_back(static_cast<float>(r));
    return true;
  };

  auto grow = [&] {
    while (!active.empty()) {
      const std::size_t slot = rng.below(static_cast<std::uint32_t>(active.size()));
      const int i = active[slot];
      const cv::Point2f p = points[i];
      const double r = radius[i];
      bool placed = false;
      for (int a = 0; a < params.attempts && !placed; ++a) {
        // Uniform in the annulus [r, 2r] by area.
        const double rr = r * std::sqrt(1.0 + 3.0 * rng.uniform());
        const double th = 2.0 * std::numbers::pi * rng.uniform();
        placed = try_accept({static_cast<float>(p.x + rr * std::cos(th)), static_cast<float>(p.y + rr * std::sin(th))});
      }
      if (!placed) {
        active[slot] = active.back();
        active.pop_back();
      }
    }
  };

  grow();  // spread from the earlier sessions' impressions first
  // Scan for regions not reached yet (separate islands of the mask, or a first session).
  const double step = std::max(r_min, 0.5 * r_max);
  for (double y = 0.5 * step; y < photo.height; y += step) {
    for (double x = 0.5 * step; x < photo.width; x += step) {
      for (int a = 0; a < 4; ++a) {
        const cv::Point2f c(static_cast<float>(x + (rng.uniform() - 0.5) * step),
                            static_cast<float>(y + (rng.uniform() - 0.5) * step));
        if (try_accept(c)) {
          grow();
          break;
        }
      }
    }
  }

  // Thin the sparse regions (below the floor density) at random to reach their target.
  std::vector<Impression> out;
  out.reserve(points.size() - first_new);
  for (std::size_t i = first_new; i < points.size(); ++i) {
    const std::uint64_t h = hash_combine(seed, (static_cast<std::uint64_t>(session) << 40) ^ (i - first_new));
    const double d = dens.at(points[i]);
    if (d < floor && to_unit(mix64(h)) >= d / floor) continue;
    out.push_back({points[i], static_cast<std::uint32_t>(h >> 32), static_cast<std::uint8_t>(session)});
  }
  return out;
}

std::vector<Impression> place_all_sessions(const DensityField& field, int sessions, std::uint64_t seed,
                                           const PlacementParams& params) {
  std::vector<Impression> all;
  const std::vector<double> fractions = session_cumulative_fractions(sessions);
  for (int k = 0; k < static_cast<int>(fractions.size()); ++k) {
    std::vector<Impression> next = place_session(field, fractions[k], k + 1, seed, all, params);
    all.insert(all.end(), next.begin(), next.end());
  }
  return all;
}

}  // namespace smp::sim
