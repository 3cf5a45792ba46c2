#include "smp/sim/placement.hpp"

#include "smp/sim/random.hpp"

#include "maximal_fill.hpp"
#include "session_fill.hpp"
#include "spacing_grid.hpp"

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

namespace detail {

std::vector<Impression> fill_session(const cv::Rect& window, const SessionDensity& density, const SessionDensity& darts,
                                     int session, std::uint64_t seed_base, std::span<const Impression> fixed,
                                     const PlacementParams& params) {
  const double floor = params.floor_fraction * density.peak;
  const double r_min = poisson_radius_px(density.peak, params);

  SpacingGrid grid(window, r_min / std::numbers::sqrt2);
  for (const Impression& e : fixed) grid.insert(e.pos);
  const std::vector<cv::Point2f> fresh = fill_maximal(
      grid, darts, floor, params, Rng(hash_combine(seed_base, 0x5e55'0000ull + static_cast<std::uint64_t>(session))));

  // Thin the sparse regions (below the floor density) at random to reach their target.
  std::vector<Impression> out;
  out.reserve(fresh.size());
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    const std::uint64_t h = hash_combine(seed_base, (static_cast<std::uint64_t>(session) << 40) ^ i);
    const double d = density.at(fresh[i]);
    if (d < floor && to_unit(mix64(h)) >= d / floor) continue;
    out.push_back({fresh[i], static_cast<std::uint32_t>(h >> 32), static_cast<std::uint8_t>(session)});
  }
  return out;
}

void check_params(const PlacementParams& params) {
  if (params.packing <= 0 || params.attempts < 1 || params.floor_fraction <= 0 || params.floor_fraction > 1)
    throw std::invalid_argument("placement parameters out of range");
}

}  // namespace detail

std::vector<Impression> place_session(const DensityField& field, double cumulative_fraction, int session,
                                      std::uint64_t seed, std::span<const Impression> earlier,
                                      const PlacementParams& params) {
  if (field.empty() || cumulative_fraction <= 0) return {};
  detail::check_params(params);
  const detail::SessionDensity dens = detail::session_density(field, cumulative_fraction);
  if (dens.peak <= 0) return {};
  return detail::fill_session(cv::Rect({0, 0}, field.photo_size), dens, dens, session, seed, earlier, params);
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
