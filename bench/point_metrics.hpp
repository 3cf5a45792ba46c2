#pragma once
// Quality of a point set: nearest-neighbour distances and the packing figure rho.

#include "smp/sim/density_field.hpp"
#include "smp/sim/placement.hpp"

#include <opencv2/core.hpp>

#include <span>
#include <vector>

namespace smp::bench {

// Nearest-neighbour index of every point (-1 when it has none within `max_dist`).
std::vector<int> nearest_neighbours(std::span<const cv::Point2f> pts, double max_dist);

// rho = half the minimum distance / hexagonal-packing radius sqrt(A / (2 sqrt3 N)).
// Uniform: A and N over the whole set. Variable density: the same ratio per point with the
// local target density (the denser end of each nearest pair), taken as the minimum over
// points at or above the placement's floor density (below it dots are thinned at random,
// by design). 1 = perfect hexagonal packing; Poisson-disk sets reach about 0.7-0.85.
double rho_uniform(std::span<const sim::Impression> imps, double area_px2);
double rho_variable(std::span<const sim::Impression> imps, const sim::DensityField& field, double floor_fraction);

}  // namespace smp::bench
