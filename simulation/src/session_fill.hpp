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
// Rows of the spacing grid's lattice (from photo y = 0, cells of spacing_cell_px) may be
// given for the first phase's darts and for the finishing (fill_maximal).
std::vector<Impression> fill_session(const cv::Rect& window, const SessionDensity& density, const SessionDensity& darts,
                                     int session, std::uint64_t seed_base, std::span<const Impression> fixed,
                                     const PlacementParams& params, cv::Range dart_rows = cv::Range::all(),
                                     cv::Range finish_rows = cv::Range::all());

// Side of the spacing grid's cells for a session density: the smallest spacing over sqrt 2.
double spacing_cell_px(const SessionDensity& density, const PlacementParams& params);

// The whole photo's session, placed on all cores: the lattice's rows are cut into strips
// (at most kMaxStrips), each three times as high as the widest spacing reaches; the even
// strips are placed side by side around `earlier` (all darts, finished but for a margin at
// each odd neighbour), then the odd ones around those (their darts, finished over them and
// the margins). Each strip has its own generator and keys, so the result does not depend on
// the thread count. A photo too small for two strips is placed in one pass (fill_session
// over the whole photo).
constexpr int kMaxStrips = 16;
std::vector<Impression> fill_session_in_strips(cv::Size photo, const SessionDensity& density, int session,
                                               std::uint64_t seed, std::span<const Impression> earlier,
                                               const PlacementParams& params);

// Rows [0, rows) cut into at most max_strips strips of at least min_rows each (one strip
// when rows are fewer than twice that).
std::vector<cv::Range> cell_row_strips(int rows, int min_rows, int max_strips);

// Throws std::invalid_argument when the parameters are out of range.
void check_params(const PlacementParams& params);

}  // namespace smp::sim::detail
