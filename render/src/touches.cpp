#include "touches.hpp"

#include "smp/sim/needle_cluster.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <array>

namespace smp::render::detail {

std::vector<Touch> expand_touches(const sim::Plan& plan, std::span<const sim::Impression> impressions, double scale,
                                  const AppearanceParams& params, const CompositeOptions& options) {
  const sim::PlanParams& pp = plan.params;
  const double px_per_mm = plan.calibration.px_per_mm * scale;
  const std::size_t per = std::max<std::size_t>(sim::needle_layout(pp.needle.points).count, 1);
  // Fixed slots per impression so chunks can be written in parallel; hidden ones stay at 0.
  std::vector<Touch> slots(impressions.size() * per);
  const int n = static_cast<int>(impressions.size());
  cv::parallel_for_(cv::Range(0, n), [&](const cv::Range& range) {
    std::array<cv::Point2f, 9> pts;
    for (int k = range.start; k < range.end; ++k) {
      const sim::Impression& imp = impressions[static_cast<std::size_t>(k)];
      if (options.up_to_session > 0 && imp.session > options.up_to_session) continue;
      const TouchShape shape = touch_shape(pp.needle, pp.pigment, px_per_mm, impression_variation(imp.key, params), params);
      const std::size_t count = sim::cluster_touches(imp, pp.needle, plan.calibration.px_per_mm, pts);
      Touch* out = &slots[static_cast<std::size_t>(k) * per];
      for (std::size_t i = 0; i < count && i < per; ++i)
        out[i] = {static_cast<float>(pts[i].x * scale), static_cast<float>(pts[i].y * scale), shape.sigma_px, shape.peak_od};
    }
  }, std::max(1.0, n / 4096.0));
  std::erase_if(slots, [](const Touch& t) { return t.peak <= 0; });
  return slots;
}

}  // namespace smp::render::detail
