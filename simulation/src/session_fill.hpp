#pragma once
// One session's darts and thinning, shared by the fresh placement and the re-placement of an
// edited region: the same spacing rule, floor and key scheme for both.

#include "session_density.hpp"
#include "smp/sim/placement.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace smp::sim::detail {

// Places session `session` around the `fixed` impressions (kept, not returned), on a grid
// over `window` (photo px; the whole photo, or the reach of an edited region). `density` is
// the session's density (its peak sets the floor and the grid); `darts` is where new points
// may go (the same density, zero elsewhere; may be `density` itself). The generator
// and the impression keys derive from `seed_base` and the session only.
std::vector<Impression> fill_session(const cv::Rect& window, const SessionDensity& density, const SessionDensity& darts,
                                     int session, std::uint64_t seed_base, std::span<const Impression> fixed,
                                     const PlacementParams& params);

// Throws std::invalid_argument when the parameters are out of range.
void check_params(const PlacementParams& params);

}  // namespace smp::sim::detail
