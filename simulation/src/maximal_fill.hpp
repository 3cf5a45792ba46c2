#pragma once
// Near-maximal variable-radius Poisson-disk sampling on a background grid, in two phases
// (in the spirit of Ebeida et al., "Efficient maximal Poisson-disk sampling", 2011):
//  1. dart throwing by cell: every cell gets one dart, tile by tile, in a shuffled order
//     inside each tile (blue noise without the bias of a scan order);
//  2. finishing: each cell still empty tests a 5x5 lattice of sample points against the
//     disks around it, in one pass over its neighbourhood, and throws darts near random
//     uncovered samples until none is left (or `PlacementParams::attempts` darts missed).
// Compared with Bridson's growth from an active list, darts land where a point can still
// go, and the result is close to maximal: about 95% of the jammed packing, so the spacing
// at a given density is wider (PlacementParams::packing 0.65 vs 0.61; rho 0.75 vs 0.73).
#include "session_density.hpp"
#include "spacing_grid.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/random.hpp"

#include <vector>

namespace smp::sim::detail {

// Adds points to `grid` wherever the density allows one: a candidate c is accepted when no
// point lies closer than r(c) = sqrt(packing / max(d(c), floor)). Returns the new points
// in the order they were accepted (deterministic for the generator's seed). Rows of the
// grid's lattice (counted from photo y = 0) can be given for each phase: `dart_rows` get the
// first phase's darts, `finish_rows` the finishing (rows left unfinished by a fill of
// neighbouring rows, whose first-phase points are in the grid). A finishing dart may land up
// to an eighth of a cell beyond its row.
std::vector<cv::Point2f> fill_maximal(SpacingGrid& grid, const SessionDensity& density, double floor,
                                      const PlacementParams& params, Rng rng, cv::Range dart_rows = cv::Range::all(),
                                      cv::Range finish_rows = cv::Range::all());

}  // namespace smp::sim::detail
