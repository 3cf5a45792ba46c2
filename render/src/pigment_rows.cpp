#include "pigment_rows.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace smp::render::detail {

namespace {

// 2^x for -126 <= x <= 0, vectorisable (no branch): x = e + f with the integer e below x
// and f in (0, 1]; a degree-6 Taylor polynomial gives 2^f (within 1e-5 at f = 1, so
// 2^0 comes out 1 - 8e-6: no 8-bit value changes), the exponent bits give 2^e.
inline float exp2_nonpositive(float x) {
  const std::int32_t e = static_cast<std::int32_t>(x) - 1;  // truncation toward zero, minus one
  const float f = x - static_cast<float>(e);
  const float ln2 = std::numbers::ln2_v<float>;
  const float p =
      1.0f + f * (ln2 + f * (0.2402265f + f * (0.05550411f + f * (0.009618129f + f * (0.001333355f + f * 0.0001540353f)))));
  return p * std::bit_cast<float>((e + 127) << 23);
}

}  // namespace

PigmentRows::PigmentRows(const cv::Vec3f& a) {
  for (int x = 0; x < kMaxRun; ++x)
    for (int c = 0; c < 3; ++c) k_[3 * x + c] = -a[c] * std::numbers::log2e_v<float>;
}

// Built for AVX2 + FMA as well as the x86-64 baseline; the loader picks one for the CPU
// (GCC function multi-versioning): 8 lanes instead of 4 on any recent machine.
__attribute__((target_clones("arch=x86-64-v3", "default")))
void PigmentRows::apply(const cv::Vec3b* in, const float* od, cv::Vec3b* out, int n) const {
  float od3[3 * kMaxRun];
  for (int x = 0; x < n; ++x) {
    // Beyond od 80 every channel is black anyway; the clamp keeps 2^x in the normal range.
    const float d = std::clamp(od[x], 0.0f, 80.0f);
    od3[3 * x] = od3[3 * x + 1] = od3[3 * x + 2] = d;
  }
  // The pixels as bytes (a Vec3b is three packed bytes).
  const auto* src = reinterpret_cast<const std::uint8_t*>(in);
  auto* dst = reinterpret_cast<std::uint8_t*>(out);
  // in * t with t in (0, 1]: the product stays in [0, 255]; + 0.5 and truncation round it.
  for (int i = 0; i < 3 * n; ++i)
    dst[i] = static_cast<std::uint8_t>(static_cast<float>(src[i]) * exp2_nonpositive(od3[i] * k_[i]) + 0.5f);
}

}  // namespace smp::render::detail
