#include "smp/render/appearance.hpp"

#include "smp/sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::render {

ImpressionVariation impression_variation(std::uint32_t key, const AppearanceParams& params) {
  const std::uint64_t h = sim::mix64(std::uint64_t{key} ^ 0xA77Eull);
  const double u1 = sim::to_unit(h);
  const double u2 = sim::to_unit(sim::mix64(h));
  return {static_cast<float>(1.0 + params.size_variation * (2.0 * u1 - 1.0)),
          static_cast<float>(1.0 + params.opacity_variation * (2.0 * u2 - 1.0))};
}

double pigment_concentration(const sim::Pigment& pigment) {
  return std::clamp(1.0 - pigment.dilution_pct / 100.0, 0.0, 1.0);
}

TouchShape touch_shape(const sim::Needle& needle, const sim::Pigment& pigment, double px_per_mm,
                       const ImpressionVariation& variation, const AppearanceParams& params) {
  const double diameter_px = params.healed_size_fraction * needle.diameter_mm * px_per_mm * variation.size;
  const double disc_sigma = diameter_px / 4.0;  // a uniform disc of radius R has sigma R/2
  const double scatter = params.scatter_mm * px_per_mm;
  const double sigma = std::max(std::sqrt(disc_sigma * disc_sigma + scatter * scatter), params.min_sigma_px);
  // Same pigment amount as the disc, spread over the Gaussian.
  const double ink = params.pigment_od * pigment_concentration(pigment) * variation.opacity *
                     std::numbers::pi * 0.25 * diameter_px * diameter_px;
  TouchShape t;
  t.sigma_px = static_cast<float>(sigma);
  t.peak_od = static_cast<float>(ink / (2.0 * std::numbers::pi * sigma * sigma));
  return t;
}

}  // namespace smp::render
