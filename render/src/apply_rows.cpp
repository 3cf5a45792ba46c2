#include "apply_rows.hpp"

#include "fast_exp.hpp"
#include "vector_clones.hpp"

#include <algorithm>
#include <cmath>

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
  // Worked channel by channel on separate arrays, in loops without branches that the compiler
  // vectorises; the per-pixel arithmetic is apply_formula's.
  scratch.resize(static_cast<std::size_t>(n) * 7);
  float* c[3] = {scratch.data(), scratch.data() + n, scratch.data() + 2 * n};
  float* t[3] = {scratch.data() + 3 * n, scratch.data() + 4 * n, scratch.data() + 5 * n};
  float* spec = scratch.data() + 6 * n;
  for (int x = 0; x < n; ++x) {
    c[0][x] = in[x][0];
    c[1][x] = in[x][1];
    c[2][x] = in[x][2];
  }
  for (int k = 0; k < 3; ++k) {
    const float veil = u.veil_bgr[k], a = u.absorption_bgr[k];
    float* tk = t[k];
    for (int x = 0; x < n; ++x) tk[x] = veil + (1.0f - veil) * exp_neg(-od[x] * a);
  }
  // specular_part, spelled out so it vectorises.
  const float kb = std::min(u.skin_ratio[0], 0.92f), kg = std::min(u.skin_ratio[1], 0.95f);
  const float ib = 1.0f - kb, ig = 1.0f - kg, margin = u.specular_margin;
  for (int x = 0; x < n; ++x) {
    const float sb = (c[0][x] - kb * c[2][x]) / ib, sg = (c[1][x] - kg * c[2][x]) / ig;
    const float lo = min_f(min_f(c[0][x], c[1][x]), c[2][x]);
    spec[x] = min_f(max_f(min_f(sb, sg) - margin, 0.0f), lo);
  }
  // Pixels without pigment or redness keep the photo's value exactly (selected, not branched on).
  for (int k = 0; k < 3; ++k) {
    const float tint1 = u.redness_tint_bgr[k] - 1.0f;
    float* ck = c[k];
    const float* tk = t[k];
    if (red) {
      for (int x = 0; x < n; ++x) {
        const float v = spec[x] + (ck[x] - spec[x]) * tk[x] * (1.0f + red[x] * tint1);
        const bool untouched = od[x] <= 1e-4f && red[x] <= 1e-3f;
        ck[x] = untouched ? ck[x] : round_even(min_f(max_f(v, 0.0f), 255.0f));
      }
    } else {
      for (int x = 0; x < n; ++x) {
        const float v = spec[x] + (ck[x] - spec[x]) * tk[x];
        ck[x] = od[x] <= 1e-4f ? ck[x] : round_even(min_f(max_f(v, 0.0f), 255.0f));
      }
    }
  }
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
