#include "grain.hpp"

#include "smp/sim/random.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::render::detail {

namespace {

// f(row) for every row of a layer, on all cores.
template <typename RowFn>
void for_rows(int rows, RowFn&& f) {
  cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& r) {
    for (int y = r.start; y < r.end; ++y) f(y);
  });
}

}  // namespace

double grain_share(double spacing_px, const GrainParams& params) {
  return std::clamp((params.resolved_spacing_px - spacing_px) / std::max(params.blend_px, 1e-6), 0.0, 1.0);
}

void unresolved_dots_to_grain(cv::Mat1f& od, double spacing_px, double blur_px, std::uint64_t seed,
                              GrainBuffers& buffers, const GrainParams& params) {
  const double w = grain_share(spacing_px, params);
  if (w <= 0 || od.empty()) return;
  // Worked on the transmittance exp(-od), which the apply formula is linear in: the mean tone
  // the eye sees at arm's length is kept exactly. Per-pixel steps run fused, row by row on all
  // cores, on four layers of the caller's (no fresh memory when it keeps them).
  cv::Mat1f& trans = buffers.trans;
  trans.create(od.size());
  for_rows(od.rows, [&](int y) {
    cv::Mat1f row = od.row(y);
    cv::exp(-row, trans.row(y));
  });
  // Local mean over about one dot spacing, and the strength of the dot texture around it.
  const double s = std::max(0.5 * spacing_px, 0.8);
  cv::Mat1f &mean = buffers.mean, &power = buffers.power;
  power.create(od.size());
  cv::GaussianBlur(trans, mean, cv::Size(), s, s, cv::BORDER_REPLICATE);
  for_rows(od.rows, [&](int y) {
    const float* t = trans.ptr<float>(y);
    const float* m = mean.ptr<float>(y);
    float* p = power.ptr<float>(y);
    for (int x = 0; x < od.cols; ++x) {
      const float texture = t[x] - m[x];
      p[x] = texture * texture;
    }
  });
  cv::GaussianBlur(power, power, cv::Size(), 2 * s, 2 * s, cv::BORDER_REPLICATE);
  // White noise through the photo's blur, scaled back to unit variance. Each pixel's value is
  // a hash of the seed and its index (the same grain for a seed on any number of cores): the
  // sum of four 16-bit uniforms, near enough to normal once blurred.
  cv::Mat1f& noise = buffers.noise;
  noise.create(od.size());
  const std::uint64_t key = sim::mix64(seed ^ 0x67A13E550D07ull);
  for_rows(od.rows, [&](int y) {
    float* n = noise.ptr<float>(y);
    const std::uint64_t first = static_cast<std::uint64_t>(y) * static_cast<std::uint64_t>(od.cols);
    for (int x = 0; x < od.cols; ++x) {
      const std::uint64_t h = sim::mix64(key + first + static_cast<std::uint64_t>(x));
      const std::uint32_t sum = static_cast<std::uint32_t>(h & 0xFFFF) + static_cast<std::uint32_t>((h >> 16) & 0xFFFF) +
                                static_cast<std::uint32_t>((h >> 32) & 0xFFFF) + static_cast<std::uint32_t>(h >> 48);
      // Four uniforms on [0, 1): mean 2, variance 1/3.
      constexpr float kScale = 1.7320508f / 65536.0f;
      n[x] = (static_cast<float>(sum) - 2.0f * 65535.0f) * kScale;
    }
  });
  const double b = std::max(blur_px, 0.7);
  cv::GaussianBlur(noise, noise, cv::Size(), b, b, cv::BORDER_REFLECT);
  // A Gaussian of sigma b keeps 1/(4 pi b^2) of white variance.
  const float gain = static_cast<float>(2.0 * std::sqrt(std::numbers::pi) * b);
  const float wf = static_cast<float>(w);
  for_rows(od.rows, [&](int y) {
    float* o = od.ptr<float>(y);
    const float* m = mean.ptr<float>(y);
    const float* t = trans.ptr<float>(y);
    const float* g = power.ptr<float>(y);
    const float* n = noise.ptr<float>(y);
    for (int x = 0; x < od.cols; ++x) {
      const float tr = std::clamp(m[x] + (1.0f - wf) * (t[x] - m[x]) + wf * std::sqrt(g[x]) * (n[x] * gain), 1e-4f, 1.0f);
      o[x] = -std::log(tr);
    }
  });
}

}  // namespace smp::render::detail
