#include "smp/render/appearance.hpp"

#include "smp/sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::render {

namespace {

// Logarithms of the median impression's size and load: the mu of each log-normal factor that
// makes a dot's area (size squared) and its load average 1.
struct LogMedian {
  double size, load;
};
LogMedian log_median(const AppearanceParams& params) {
  return {-params.size_variation * params.size_variation, -0.5 * params.opacity_variation * params.opacity_variation};
}

}  // namespace

ImpressionVariation impression_variation(std::uint32_t key, const AppearanceParams& params) {
  const std::uint64_t h = sim::mix64(std::uint64_t{key} ^ 0xA77Eull);
  const double u1 = sim::to_unit(h);
  const double u2 = sim::to_unit(sim::mix64(h));
  const double u3 = sim::to_unit(sim::mix64(h ^ 0x5EEDull));
  const double u4 = sim::to_unit(sim::mix64(h ^ 0xA11Eull));
  ImpressionVariation v;
  // Healed impressions differ more than a bounded spread allows: some take little pigment or
  // heal small, a few spread. Log-normal factors (normal deviates from u1, u2 by Box-Muller,
  // cut at 3 standard deviations) give that tail; a spread bounded to +-25 % and +-35 % kept
  // a close-up's dots within a narrow band of size and tone. Centred so that a dot's area (its
  // pigment goes with size squared) and its load average 1: the mean pigment, and so the
  // arm's-length tone of a shade, stay about those of the bounded spread (whose mean area was
  // 2 % larger). The typical dot is the median one (median_impression), a little smaller and
  // lighter than that mean.
  const double radius = std::sqrt(-2.0 * std::log(1.0 - u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  const double z_size = std::clamp(radius * std::cos(angle), -3.0, 3.0);
  const double z_load = std::clamp(radius * std::sin(angle), -3.0, 3.0);
  const LogMedian mu = log_median(params);
  v.size = static_cast<float>(std::exp(mu.size + params.size_variation * z_size));
  v.opacity = static_cast<float>(std::exp(mu.load + params.opacity_variation * z_load));
  // Most dots are nearly round; a few are clearly oval (squared: skewed toward round).
  v.elongation = static_cast<float>(1.0 + params.elongation * u3 * u3);
  v.angle = static_cast<float>(std::numbers::pi * u4);
  return v;
}

ImpressionVariation median_impression(const AppearanceParams& params) {
  const LogMedian mu = log_median(params);
  ImpressionVariation v;
  v.size = static_cast<float>(std::exp(mu.size));
  v.opacity = static_cast<float>(std::exp(mu.load));
  return v;
}

double pigment_concentration(double dilution_pct) { return std::clamp(1.0 - dilution_pct / 100.0, 0.0, 1.0); }

TouchShape touch_shape(const TouchInputs& in, double px_per_mm, const ImpressionVariation& variation,
                       const AppearanceParams& params) {
  const double h = std::clamp(in.healing, 0.0, 1.0);
  const double size_fraction = params.fresh_size_fraction + h * (params.healed_size_fraction - params.fresh_size_fraction);
  const double diameter_mm = size_fraction * in.needle_diameter_mm * variation.size;
  const double disc_var = diameter_mm * diameter_mm / 16.0;  // a uniform disc of radius R has sigma R/2
  double scatter = params.scatter_per_depth * (in.depth_mm + in.fade.extra_depth_mm);
  scatter *= params.fresh_scatter_fraction + h * (1.0 - params.fresh_scatter_fraction);
  if (in.scar) scatter *= params.scar_scatter_factor;
  const double blur_var = scatter * scatter + in.fade.extra_sigma_mm * in.fade.extra_sigma_mm;
  // The elongation stretches the disc (the needle's entry), not the blur under the skin.
  const double e = variation.elongation;
  const double major = std::sqrt(disc_var * e + blur_var) * px_per_mm;
  const double minor = std::sqrt(disc_var / e + blur_var) * px_per_mm;
  const double ink_gain = params.fresh_ink_gain + h * (1.0 - params.fresh_ink_gain);
  // Pigment amount of the disc (peak OD x area), whatever the blur does to it.
  const double disc_area_px = std::numbers::pi * 0.25 * diameter_mm * diameter_mm * px_per_mm * px_per_mm;
  TouchShape t;
  t.sigma_major_px = static_cast<float>(major);
  t.sigma_minor_px = static_cast<float>(minor);
  t.angle = variation.angle;
  const double core = params.pigment_od * pigment_concentration(in.dilution_pct) * variation.opacity * ink_gain *
                      in.fade.ink_remaining * disc_area_px;
  // The pigment that spreads while healing sits in the fresh dot on day 0.
  t.ink = static_cast<float>(core * (1.0 + (1.0 - h) * params.halo_ink_fraction));
  t.halo_ink = static_cast<float>(core * h * params.halo_ink_fraction);
  t.halo_sigma_px = static_cast<float>(params.halo_sigma_mm * px_per_mm);
  return t;
}

ApplyUniforms apply_uniforms(double depth_mm, const PhotoTone& tone, const AppearanceParams& params) {
  ApplyUniforms u;
  u.absorption_bgr = params.absorption_bgr;
  for (int k = 0; k < 3; ++k)
    u.veil_bgr[k] = static_cast<float>(1.0 - (1.0 - params.surface_veil_bgr[k]) *
                                                 std::exp(-params.backscatter_per_mm_bgr[k] * std::max(depth_mm, 0.0)));
  u.redness_tint_bgr = params.redness_tint_bgr;
  const float r = std::max(tone.skin_bgr[2], 1.0f);
  u.skin_ratio = {tone.skin_bgr[0] / r, tone.skin_bgr[1] / r};
  u.specular_margin = static_cast<float>(params.specular_margin);
  return u;
}

}  // namespace smp::render
