#pragma once
// Blue-noise (Poisson-disk) placement of impressions whose spacing follows a density field,
// layered by session: session k fills the gaps left by sessions 1..k-1 and never moves them.

#include "smp/sim/density_field.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace smp::sim {

// One needle impression (one hand movement; a grouping touches several points at once).
struct Impression {
  cv::Point2f pos;         // centre, photo pixels
  std::uint32_t key = 0;   // stable random key: drives per-impression variation in rendering
  std::uint8_t session = 1;  // 1-based session that placed it
  bool operator==(const Impression&) const = default;
};

struct PlacementParams {
  // r = sqrt(packing / density): the Poisson-disk radius for a density. Calibrated so the
  // sampler's achieved density equals the target (measured by the placement tests).
  double packing = 0.650;
  int attempts = 20;            // darts per cell while closing the last gaps (finishing phase)
  double floor_fraction = 0.2;  // below this fraction of the peak, place at it and thin at random
  bool operator==(const PlacementParams&) const = default;
};

// Cumulative fraction of the full density reached after each session (last is 1).
// Session 1 is the widest spacing; later sessions add progressively fewer impressions.
std::vector<double> session_cumulative_fractions(int sessions);

// Poisson-disk radius in photo pixels for a density in impressions per px^2.
double poisson_radius_px(double per_px2, const PlacementParams& params = {});

// Places the impressions of one session at `cumulative_fraction` of the field, around the
// `earlier` impressions (which are kept as they are and not returned).
std::vector<Impression> place_session(const DensityField& field, double cumulative_fraction, int session,
                                      std::uint64_t seed, std::span<const Impression> earlier,
                                      const PlacementParams& params = {});

// All sessions of a plan, session by session; impressions are ordered by session.
std::vector<Impression> place_all_sessions(const DensityField& field, int sessions, std::uint64_t seed,
                                           const PlacementParams& params = {});

}  // namespace smp::sim
