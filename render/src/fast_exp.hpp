#pragma once
// exp(x) for x <= 0 in plain float arithmetic that compilers vectorise (std::exp does not):
// Cephes' degree-5 polynomial after a split by ln 2, within ~2 ulp of std::exp. Used where the
// apply formula runs over millions of pixels; the result moves an 8-bit output by at most one
// level, on the rare pixel that sits on a rounding boundary.

#include <bit>
#include <cstdint>

namespace smp::render::detail {

// Branch-free min and max (plain selects, which vectorise where std::clamp's references may not).
inline float min_f(float a, float b) { return b < a ? b : a; }
inline float max_f(float a, float b) { return a < b ? b : a; }

inline float exp_neg(float x) {
  x = max_f(min_f(x, 0.0f), -87.0f);
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float n = (x * 1.44269504088896341f + kRound) - kRound;
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const std::int32_t bits = (static_cast<std::int32_t>(n) + 127) << 23;
  return p * std::bit_cast<float>(bits);
}

}  // namespace smp::render::detail
