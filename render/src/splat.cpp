#include "splat.hpp"

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

Splat make_splat(cv::Point2f centre, const cv::Matx22f& cov, float ink, float fresh, float min_sigma) {
  // Eigen-decompose the symmetric 2x2 covariance and clamp its axes to the pixel limit.
  const float a = cov(0, 0), b = 0.5f * (cov(0, 1) + cov(1, 0)), c = cov(1, 1);
  const float m = 0.5f * (a + c), d = std::sqrt(0.25f * (a - c) * (a - c) + b * b);
  const float floor2 = min_sigma * min_sigma;
  const float l1 = std::max(m + d, floor2), l2 = std::max(m - d, floor2);
  const float angle = 0.5f * std::atan2(2.0f * b, a - c);
  const float cs = std::cos(angle), sn = std::sin(angle);
  // Q = R diag(1/l1, 1/l2) R' / 12 ; S = R diag(l1, l2) R'.
  constexpr float kScale = 1.0f / 12.0f;  // 2 (n + 2) for n = 4
  Splat s;
  s.centre = centre;
  s.qxx = kScale * (cs * cs / l1 + sn * sn / l2);
  s.qxy = kScale * (cs * sn / l1 - cs * sn / l2);
  s.qyy = kScale * (sn * sn / l1 + cs * cs / l2);
  s.half_w = std::sqrt(12.0f * (cs * cs * l1 + sn * sn * l2));
  s.half_h = std::sqrt(12.0f * (sn * sn * l1 + cs * cs * l2));
  s.ink = ink;
  s.fresh = fresh;
  return s;
}

void accumulate(cv::Mat1f& layer, const Splat& s, std::vector<float>& scratch) {
  const int x0 = std::max(0, static_cast<int>(std::floor(s.centre.x - s.half_w)));
  const int x1 = std::min(layer.cols - 1, static_cast<int>(std::ceil(s.centre.x + s.half_w)));
  const int y0 = std::max(0, static_cast<int>(std::floor(s.centre.y - s.half_h)));
  const int y1 = std::min(layer.rows - 1, static_cast<int>(std::ceil(s.centre.y + s.half_h)));
  if (x0 > x1 || y0 > y1 || s.ink <= 0) return;
  const int nx = x1 - x0 + 1, ny = y1 - y0 + 1;
  scratch.resize(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
  float sum = 0;
  for (int j = 0; j < ny; ++j) {
    const float dy = static_cast<float>(y0 + j) + 0.5f - s.centre.y;
    float* w = scratch.data() + static_cast<std::size_t>(j) * nx;
    for (int i = 0; i < nx; ++i) {
      const float dx = static_cast<float>(x0 + i) + 0.5f - s.centre.x;
      const float t = std::max(1.0f - (s.qxx * dx * dx + 2.0f * s.qxy * dx * dy + s.qyy * dy * dy), 0.0f);
      const float t2 = t * t;
      w[i] = t2 * t2;
      sum += w[i];
    }
  }
  if (sum <= 0) {  // the dot fell between pixel centres at the image border: nearest pixel
    const int x = std::clamp(static_cast<int>(s.centre.x), 0, layer.cols - 1);
    const int y = std::clamp(static_cast<int>(s.centre.y), 0, layer.rows - 1);
    layer(y, x) += s.ink;
    return;
  }
  const float k = s.ink / sum;
  for (int j = 0; j < ny; ++j) {
    float* row = layer.ptr<float>(y0 + j) + x0;
    const float* w = scratch.data() + static_cast<std::size_t>(j) * nx;
    for (int i = 0; i < nx; ++i) row[i] += k * w[i];
  }
}

}  // namespace smp::render::detail
