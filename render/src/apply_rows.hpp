#pragma once
// The apply formula (appearance.hpp) over rows of pixels, shared by the photo-sized path and
// the tiled compositor so both give the same pixels.

#include "smp/render/appearance.hpp"

#include <opencv2/core.hpp>

#include <vector>

namespace smp::render::detail {

// out[x] = apply_formula(in[x], od[x], red[x]) for n pixels; `red` may be null (no redness).
// Pixels without pigment or redness are copied unchanged (`out` may be `in`). `scratch` is
// reused between calls.
void apply_row(const cv::Vec3b* in, const float* od, const float* red, int n, const ApplyUniforms& u, cv::Vec3b* out,
               std::vector<float>& scratch);

// Bilinear samples of a coarse layer stretched over an image of `image` size, as
// cv::resize(INTER_LINEAR) would give them, for one stretch of columns at a time.
class CoarseSampler {
 public:
  CoarseSampler(const cv::Mat1f& coarse, cv::Size image, int x0, int width);
  // Samples of row y, columns x0 .. x0 + width - 1, into `out`.
  void row(int y, float* out) const;

 private:
  const cv::Mat1f& coarse_;
  float scale_y_;
  std::vector<int> xi_;
  std::vector<float> fx_;
};

}  // namespace smp::render::detail
