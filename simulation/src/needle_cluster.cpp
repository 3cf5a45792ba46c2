#include "smp/sim/needle_cluster.hpp"

#include "smp/sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::sim {

NeedleLayout needle_layout(int points) {
  NeedleLayout l;
  const int n = std::clamp(points, 1, 9);
  auto ring = [&](int count, float radius, float phase) {
    for (int i = 0; i < count; ++i) {
      const float a = phase + 2.0f * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(count);
      l.offsets[l.count++] = {radius * std::cos(a), radius * std::sin(a)};
    }
  };
  if (n == 1) {
    l.offsets[l.count++] = {0, 0};
  } else if (n <= 6) {
    // n needles touching around a circle: chord between neighbours = one diameter.
    ring(n, 0.5f / std::sin(std::numbers::pi_v<float> / static_cast<float>(n)), 0.0f);
  } else {
    l.offsets[l.count++] = {0, 0};
    ring(n - 1, 1.0f, 0.0f);
  }
  return l;
}

std::size_t cluster_touches(const Impression& imp, const Needle& needle, double px_per_mm,
                            std::array<cv::Point2f, 9>& out, const ClusterParams& params) {
  const NeedleLayout layout = needle_layout(needle.points);
  const float d_px = static_cast<float>(needle.diameter_mm * px_per_mm);
  Rng rng(mix64(imp.key ^ 0xC1u));
  const float angle = static_cast<float>(2.0 * std::numbers::pi * rng.uniform());
  const float c = std::cos(angle), s = std::sin(angle);
  const float jitter = static_cast<float>(params.hand_jitter) * d_px;
  for (std::size_t i = 0; i < layout.count; ++i) {
    const cv::Point2f o = layout.offsets[i] * (d_px * static_cast<float>(params.tip_spacing));
    const float jx = jitter * static_cast<float>(rng.uniform(-1.0, 1.0));
    const float jy = jitter * static_cast<float>(rng.uniform(-1.0, 1.0));
    out[i] = {imp.pos.x + c * o.x - s * o.y + jx, imp.pos.y + s * o.x + c * o.y + jy};
  }
  return layout.count;
}

}  // namespace smp::sim
