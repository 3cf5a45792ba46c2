#pragma once
// Re-placement of the part of a plan whose density changed (a hairline drag, a brush stroke):
// impressions outside the changed region stay exactly as they were, and each session is
// placed anew inside it around them, with the spacing rule, floor, thinning and session
// layering of a fresh placement, so the seams satisfy the same Poisson-disk spacing.

#include "smp/sim/density_field.hpp"
#include "smp/sim/placement.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace smp::sim {

struct RegionReplacement {
  std::vector<Impression> impressions;  // ordered by session; kept ones first in each session
  std::size_t replaced = 0;             // impressions placed anew inside the region
  double region_fraction = 0;           // region area over the treated area (0..1)
};

// Field pixels (of `after`'s density grid) whose density differs between the two fields,
// grown by one Poisson-disk radius of the first session at the densest changed density (the
// widest spacing that density has), so the seams are re-placed too. Empty Mat when the
// fields cannot be compared pixel for pixel (sizes, scale or area factor differ); an all-zero
// mask when nothing changed.
cv::Mat1b changed_region(const DensityField& before, const DensityField& after, int sessions,
                         const PlacementParams& params = {});

// `before` (placed on `before_field` for `sessions` sessions and `seed`) with the impressions
// inside the changed region replaced by a placement on `field`. Deterministic: the generator
// is seeded from `seed` and the region's pixels. Returns nullopt when a full placement is
// needed instead: the fields cannot be compared, the region covers more than `max_fraction`
// of the treated area, or a session's peak density changed (its spacing grid and floor would
// change everywhere).
std::optional<RegionReplacement> replace_changed_region(const DensityField& before_field, const DensityField& field,
                                                        std::span<const Impression> before, int sessions,
                                                        std::uint64_t seed, const PlacementParams& params = {},
                                                        double max_fraction = 1.0 / 3.0);

}  // namespace smp::sim
