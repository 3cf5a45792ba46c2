#include "composite_baselines.hpp"

#include "smp/render/compositor.hpp"
#include "smp/sim/needle_cluster.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>

namespace smp::bench {

cv::Mat3b circle_blur_composite(const cv::Mat3b& photo, const sim::Plan& plan,
                                std::span<const sim::Impression> impressions, const render::AppearanceParams& params) {
  cv::Mat1f layer(photo.size(), 0.0f);
  const double ppmm = plan.calibration.px_per_mm;
  const double concentration = render::pigment_concentration(plan.params.pigment);
  constexpr int shift = 4;  // sub-pixel centres: 1/16 px
  std::array<cv::Point2f, 9> touches;
  for (const sim::Impression& imp : impressions) {
    const render::ImpressionVariation var = render::impression_variation(imp.key, params);
    const double radius = 0.5 * params.healed_size_fraction * plan.params.needle.diameter_mm * ppmm * var.size;
    const double od = params.pigment_od * concentration * var.opacity;
    const std::size_t n = sim::cluster_touches(imp, plan.params.needle, ppmm, touches);
    for (std::size_t i = 0; i < n; ++i)
      cv::circle(layer, cv::Point(cvRound(touches[i].x * 16), cvRound(touches[i].y * 16)),
                 std::max(1, cvRound(radius * 16)), cv::Scalar(od), cv::FILLED, cv::LINE_AA, shift);
  }
  const double scatter = std::max(params.scatter_per_depth * plan.params.pigment.depth_mm * ppmm, params.min_sigma_px);
  cv::GaussianBlur(layer, layer, cv::Size(), scatter);
  return render::apply_pigment(photo, layer, params);
}

void read_modify_write_pass(cv::Mat3b& image) {
  cv::parallel_for_(cv::Range(0, image.rows), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      uchar* p = image.ptr<uchar>(y);
      const int n = image.cols * 3;
      for (int x = 0; x < n; ++x) p[x] = static_cast<uchar>(p[x] - (p[x] >> 6));
    }
  });
}

}  // namespace smp::bench
