#pragma once
// Reference points for placement throughput, measured in the same run as the sampler:
//  - plain dart throwing: uniform random candidates over the photo, each checked against a
//    background grid with the sampler's own spacing rule (the textbook method);
//  - the floor: only drawing the random candidates (what any sampler pays at least).

#include "smp/sim/density_field.hpp"
#include "smp/sim/placement.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace smp::bench {

// Throws `darts` candidates; returns the accepted ones (no thinning, single session).
std::vector<sim::Impression> dart_throwing(const sim::DensityField& field, std::size_t darts, std::uint64_t seed,
                                           const sim::PlacementParams& params = {});

// Draws `count` random candidate positions inside the photo and reads the density at each.
// Returns a checksum so the work cannot be optimised away.
double random_candidates(const sim::DensityField& field, std::size_t count, std::uint64_t seed);

}  // namespace smp::bench
