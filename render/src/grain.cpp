#include "grain.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::render::detail {

double grain_share(double spacing_px, const GrainParams& params) {
  return std::clamp((params.resolved_spacing_px - spacing_px) / std::max(params.blend_px, 1e-6), 0.0, 1.0);
}

void unresolved_dots_to_grain(cv::Mat1f& od, double spacing_px, double blur_px, std::uint64_t seed,
                              const GrainParams& params) {
  const double w = grain_share(spacing_px, params);
  if (w <= 0 || od.empty()) return;
  // Worked on the transmittance exp(-od), which the apply formula is linear in: the mean tone
  // the eye sees at arm's length is kept exactly.
  cv::Mat1f trans;
  cv::exp(-od, trans);
  // Local mean over about one dot spacing, and the dot texture around it.
  const double s = std::max(0.5 * spacing_px, 0.8);
  cv::Mat1f mean, texture, power, strength;
  cv::GaussianBlur(trans, mean, cv::Size(), s, s, cv::BORDER_REPLICATE);
  cv::subtract(trans, mean, texture);
  cv::multiply(texture, texture, power);
  cv::GaussianBlur(power, power, cv::Size(), 2 * s, 2 * s, cv::BORDER_REPLICATE);
  cv::sqrt(power, strength);
  // White noise through the photo's blur, scaled back to unit variance.
  cv::Mat1f noise(od.size());
  cv::RNG rng(seed ^ 0x67A13E550D07ull);
  rng.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
  const double b = std::max(blur_px, 0.7);
  cv::GaussianBlur(noise, noise, cv::Size(), b, b, cv::BORDER_REFLECT);
  noise *= 2.0 * std::sqrt(std::numbers::pi) * b;  // a Gaussian of sigma b keeps 1/(4 pi b^2) of white variance
  const float wf = static_cast<float>(w);
  cv::parallel_for_(cv::Range(0, od.rows), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      float* o = od.ptr<float>(y);
      const float* m = mean.ptr<float>(y);
      const float* t = texture.ptr<float>(y);
      const float* g = strength.ptr<float>(y);
      const float* n = noise.ptr<float>(y);
      for (int x = 0; x < od.cols; ++x) {
        const float tr = std::clamp(m[x] + (1.0f - wf) * t[x] + wf * g[x] * n[x], 1e-4f, 1.0f);
        o[x] = -std::log(tr);
      }
    }
  });
}

}  // namespace smp::render::detail
