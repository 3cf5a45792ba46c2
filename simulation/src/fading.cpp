#include "smp/sim/fading.hpp"

#include <algorithm>
#include <cmath>

namespace smp::sim {

double fading_rate(const Lifestyle& lifestyle, const FadingParams& params) {
  double rate = 1.0 + params.sun_rate * std::clamp(lifestyle.sun_exposure, 0.0, 1.0);
  if (lifestyle.sunscreen) rate *= params.sunscreen_factor;
  if (lifestyle.smoker) rate *= params.smoker_factor;
  return rate;
}

FadeState fade_after_years(double years, const Lifestyle& lifestyle, const FadingParams& params) {
  // Everything runs on one "effective age": a faster lifestyle ages the pigment sooner.
  const double age = std::max(years, 0.0) * fading_rate(lifestyle, params);
  FadeState f;
  // Macrophages clear a roughly constant fraction per year: exponential loss.
  f.ink_remaining = std::exp(-age / std::max(params.lifetime_years, 0.1));
  // Pigment migrates slowly: blur variance grows linearly, like diffusion.
  f.extra_sigma_mm = std::sqrt(std::max(params.spread_mm2_per_year, 0.0) * age);
  f.extra_depth_mm = params.deepening_mm * (1.0 - f.ink_remaining);
  return f;
}

}  // namespace smp::sim
