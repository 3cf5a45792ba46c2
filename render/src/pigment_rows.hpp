#pragma once
// The Beer-Lambert step on a run of pixels: out = in * exp(-od * absorption[c]).
// It runs for every pixel of every export, so it is written for the compiler's vectoriser:
// no branches, no calls, channels interleaved like the pixels, and exp evaluated as
// 2^x with a polynomial (relative error < 2e-7, far below one 8-bit level).

#include <opencv2/core.hpp>

namespace smp::render::detail {

class PigmentRows {
 public:
  static constexpr int kMaxRun = 64;  // pixels per call (one compositor tile row)

  explicit PigmentRows(const cv::Vec3f& absorption_bgr);

  // n <= kMaxRun pixels of BGR `in` and their optical densities into `out`.
  void apply(const cv::Vec3b* in, const float* od, cv::Vec3b* out, int n) const;

 private:
  float k_[3 * kMaxRun];  // -absorption[c] * log2(e), repeated per pixel
};

}  // namespace smp::render::detail
