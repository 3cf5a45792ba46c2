#include "apply_rows.hpp"

#include "fast_exp.hpp"
#include "vector_clones.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace smp::render::detail {

namespace {

// Round to nearest, ties to even (as cv::saturate_cast<uchar> does), for 0 <= v < 2^22.
inline float round_even(float v) {
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23
  return (v + kRound) - kRound;
}

}  // namespace

SMP_VECTOR_CLONES void apply_row(const cv::Vec3b* in, const float* od, const float* red, int n, const ApplyUniforms& u, cv::Vec3b* out,
               std::vector<float>& scratch) {
  // Only the stretch between the first and last touched pixel is worked; the rest is copied
  // (on real photos most of a row lies outside the treatment area).
  const auto touched = [&](int x) { return od[x] > 1e-4f || (red && red[x] > 1e-3f); };
  int first = 0, last = n;
  while (first < n && !touched(first)) ++first;
  while (last > first && !touched(last - 1)) --last;
  if (in != out) {
    std::copy(in, in + first, out);
    std::copy(in + last, in + n, out + last);
  }
  if (first == last) return;
  in += first, od += first, out += first, n = last - first;
  if (red) red += first;
  // The channels are separated first (loads of three bytes apart do not vectorise well), then
  // worked in one pass per pixel; the per-pixel arithmetic is apply_formula's.
  scratch.resize(static_cast<std::size_t>(n) * 3);
  float* c[3] = {scratch.data(), scratch.data() + n, scratch.data() + 2 * n};
  for (int x = 0; x < n; ++x) {
    c[0][x] = in[x][0];
    c[1][x] = in[x][1];
    c[2][x] = in[x][2];
  }
  // specular_part, spelled out so it vectorises.
  const float kb = std::min(u.skin_ratio[0], 0.92f), kg = std::min(u.skin_ratio[1], 0.95f);
  const float ib = 1.0f - kb, ig = 1.0f - kg, margin = u.specular_margin;
  const float v0 = u.veil_bgr[0], v1 = u.veil_bgr[1], v2 = u.veil_bgr[2];
  const float a0 = u.absorption_bgr[0], a1 = u.absorption_bgr[1], a2 = u.absorption_bgr[2];
  const auto finish = [](float photo, float v, bool untouched) {
    return untouched ? photo : round_even(min_f(max_f(v, 0.0f), 255.0f));
  };
  const float r0 = u.redness_tint_bgr[0] - 1.0f, r1 = u.redness_tint_bgr[1] - 1.0f, r2 = u.redness_tint_bgr[2] - 1.0f;
  // Without branches, so the compiler vectorises the pass; pixels without pigment or redness
  // keep the photo's value exactly (selected).
  const auto work = [&](auto with_redness) {
    for (int x = 0; x < n; ++x) {
      const float b = c[0][x], g = c[1][x], r = c[2][x];
      const float sb = (b - kb * r) / ib, sg = (g - kg * r) / ig;
      const float s = min_f(max_f(min_f(sb, sg) - margin, 0.0f), min_f(min_f(b, g), r));
      const float d = od[x];
      float t0 = v0 + (1.0f - v0) * exp_neg(-d * a0);
      float t1 = v1 + (1.0f - v1) * exp_neg(-d * a1);
      float t2 = v2 + (1.0f - v2) * exp_neg(-d * a2);
      bool untouched = d <= 1e-4f;
      float k0 = 1.0f, k1 = 1.0f, k2 = 1.0f;
      if constexpr (decltype(with_redness)::value) {
        const float rd = red[x];
        k0 = 1.0f + rd * r0, k1 = 1.0f + rd * r1, k2 = 1.0f + rd * r2;
        untouched = untouched && rd <= 1e-3f;
      }
      c[0][x] = finish(b, s + (b - s) * t0 * k0, untouched);
      c[1][x] = finish(g, s + (g - s) * t1 * k1, untouched);
      c[2][x] = finish(r, s + (r - s) * t2 * k2, untouched);
    }
  };
  if (red)
    work(std::true_type{});
  else
    work(std::false_type{});
  for (int x = 0; x < n; ++x)
    out[x] = cv::Vec3b(static_cast<uchar>(c[0][x]), static_cast<uchar>(c[1][x]), static_cast<uchar>(c[2][x]));
}

CoarseSampler::CoarseSampler(const cv::Mat1f& coarse, cv::Size image, int x0, int width)
    : coarse_(coarse), scale_y_(static_cast<float>(coarse.rows) / static_cast<float>(image.height)) {
  const float scale_x = static_cast<float>(coarse.cols) / static_cast<float>(image.width);
  xi_.resize(static_cast<std::size_t>(width));
  fx_.resize(static_cast<std::size_t>(width));
  for (int i = 0; i < width; ++i) {
    float fx = (static_cast<float>(x0 + i) + 0.5f) * scale_x - 0.5f;
    int sx = static_cast<int>(std::floor(fx));
    fx -= static_cast<float>(sx);
    if (sx < 0) sx = 0, fx = 0;
    if (sx >= coarse.cols - 1) sx = coarse.cols - 1, fx = 0;
    xi_[static_cast<std::size_t>(i)] = sx;
    fx_[static_cast<std::size_t>(i)] = fx;
  }
}

void CoarseSampler::row(int y, float* out) const {
  float fy = (static_cast<float>(y) + 0.5f) * scale_y_ - 0.5f;
  int sy = static_cast<int>(std::floor(fy));
  fy -= static_cast<float>(sy);
  if (sy < 0) sy = 0, fy = 0;
  if (sy >= coarse_.rows - 1) sy = coarse_.rows - 1, fy = 0;
  const float* r0 = coarse_.ptr<float>(sy);
  const float* r1 = coarse_.ptr<float>(std::min(sy + 1, coarse_.rows - 1));
  for (std::size_t i = 0; i < xi_.size(); ++i) {
    const int sx = xi_[i], sx1 = std::min(sx + 1, coarse_.cols - 1);
    const float fx = fx_[i];
    const float top = r0[sx] + fx * (r0[sx1] - r0[sx]), bottom = r1[sx] + fx * (r1[sx1] - r1[sx]);
    out[i] = top + fy * (bottom - top);
  }
}

}  // namespace smp::render::detail
