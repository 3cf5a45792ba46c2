#pragma once
// exp(x) for x <= 0 in plain float arithmetic that compilers vectorise (std::exp does not):
// a degree-4 polynomial for 2^f after a split of x log2(e) into an integer and a fraction,
// within 5e-6 of std::exp (relative). Used where the apply formula runs over millions of
// pixels: an 8-bit output moves by less than 0.002 of a level, so only a pixel sitting on a
// rounding boundary can land one level off.

#include <bit>
#include <cstdint>

namespace smp::render::detail {

// Branch-free min and max (plain selects, which vectorise where std::clamp's references may not).
inline float min_f(float a, float b) { return b < a ? b : a; }
inline float max_f(float a, float b) { return a < b ? b : a; }

inline float exp_neg(float x) {
  // exp(x) = 2^y with y = x log2(e), split as n + f (n an integer, |f| <= 1/2): 2^f from a
  // degree-4 polynomial fitted to it over [-1/2, 1/2] (relative error 3.1e-6), 2^n from the
  // exponent bits.
  const float y = max_f(min_f(x * 1.44269504088896341f, 0.0f), -126.0f);
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float n = (y + kRound) - kRound;
  const float f = y - n;
  float p = 9.600409235e-3f;
  p = p * f + 5.591697746e-2f;
  p = p * f + 2.402371863e-1f;
  p = p * f + 6.931219847e-1f;
  p = p * f + 1.0f;
  const std::int32_t bits = (static_cast<std::int32_t>(n) + 127) << 23;
  return p * std::bit_cast<float>(bits);
}

}  // namespace smp::render::detail
