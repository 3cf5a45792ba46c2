#pragma once
// Longevity preview: how healed SMP pigment lightens and spreads over the years.
// AN ILLUSTRATION, NOT A MEDICAL PREDICTION: the shape (gradual, monotone lightening and
// slight spreading; faster with sun and smoking, slower with sunscreen) follows what clinics
// describe (touch-ups every 2-6 years, "up to 10 years" with care); the numbers are
// defaults to adjust, not measurements.

#include "smp/sim/plan.hpp"

namespace smp::sim {

struct FadingParams {
  double lifetime_years = 12.0;  // e-folding time of the pigment with no sun, no smoking (6-30)
  double sun_rate = 1.5;         // rate multiplier is 1 + sun_rate * sun_exposure (0-4)
  double sunscreen_factor = 0.6; // rate multiplier with daily sunscreen (0.3-1)
  double smoker_factor = 1.3;    // rate multiplier for smokers (1-2)
  double spread_mm2_per_year = 0.0003;  // growth of the dot's blur variance (sigma^2) per effective year
  double deepening_mm = 0.25;    // effective depth added when all pigment is gone: what stays is the
                                 // deeper pigment, which reads cooler (the "blue shift" of old SMP)
  bool operator==(const FadingParams&) const = default;
};

// The state of healed pigment some years after the last session.
struct FadeState {
  double ink_remaining = 1.0;  // fraction of the healed pigment still there, (0, 1]
  double extra_sigma_mm = 0;   // additional blur (sigma) of every dot
  double extra_depth_mm = 0;   // added to the pigment depth for the cool cast
};

// Relative fading speed for a lifestyle: 1 = no sun, no smoking, no sunscreen.
double fading_rate(const Lifestyle& lifestyle, const FadingParams& params = {});

// Monotone in `years` (ink never rises, spread never shrinks); years < 0 count as 0.
FadeState fade_after_years(double years, const Lifestyle& lifestyle, const FadingParams& params = {});

}  // namespace smp::sim
