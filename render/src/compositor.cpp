#include "smp/render/compositor.hpp"

#include "smp/sim/needle_cluster.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <array>
#include <vector>
#include <cmath>

namespace smp::render {

namespace {

// Adds one Gaussian touch to the layer, evaluated at pixel centres within 3 sigma.
void splat(cv::Mat1f& layer, cv::Point2f centre, float sigma, float peak) {
  const float reach = 3.0f * sigma;
  const int x0 = std::max(0, static_cast<int>(std::floor(centre.x - reach)));
  const int x1 = std::min(layer.cols - 1, static_cast<int>(std::ceil(centre.x + reach)));
  const int y0 = std::max(0, static_cast<int>(std::floor(centre.y - reach)));
  const int y1 = std::min(layer.rows - 1, static_cast<int>(std::ceil(centre.y + reach)));
  if (x0 > x1 || y0 > y1) return;
  const float k = -0.5f / (sigma * sigma);
  const int nx = x1 - x0 + 1;
  std::array<float, 64> small;
  std::vector<float> large;  // only for very wide dots (extreme zoom)
  float* wx = small.data();
  if (nx > static_cast<int>(small.size())) {
    large.resize(static_cast<std::size_t>(nx));
    wx = large.data();
  }
  for (int i = 0; i < nx; ++i) {
    const float dx = static_cast<float>(x0 + i) + 0.5f - centre.x;
    wx[i] = std::exp(k * dx * dx);
  }
  for (int y = y0; y <= y1; ++y) {
    const float dy = static_cast<float>(y) + 0.5f - centre.y;
    const float wy = peak * std::exp(k * dy * dy);
    float* row = layer.ptr<float>(y) + x0;
    for (int i = 0; i < nx; ++i) row[i] += wy * wx[i];
  }
}

}  // namespace

cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params,
                        const CompositeOptions& options) {
  cv::Mat1f layer(size, 0.0f);
  const double px_per_mm = plan.calibration.px_per_mm * scale;
  const sim::PlanParams& pp = plan.params;
  std::array<cv::Point2f, 9> touches;
  for (const sim::Impression& imp : impressions) {
    if (options.up_to_session > 0 && imp.session > options.up_to_session) continue;
    const ImpressionVariation var = impression_variation(imp.key, params);
    const TouchShape shape = touch_shape(pp.needle, pp.pigment, px_per_mm, var, params);
    const std::size_t n = sim::cluster_touches(imp, pp.needle, plan.calibration.px_per_mm, touches);
    for (std::size_t i = 0; i < n; ++i)
      splat(layer, {static_cast<float>(touches[i].x * scale), static_cast<float>(touches[i].y * scale)},
            shape.sigma_px, shape.peak_od);
  }
  return layer;
}

cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params) {
  CV_Assert(photo.size() == od.size());
  cv::Mat3b out(photo.size());
  const cv::Vec3f a = params.absorption_bgr;
  cv::parallel_for_(cv::Range(0, photo.rows), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      const cv::Vec3b* in = photo.ptr<cv::Vec3b>(y);
      const float* d = od.ptr<float>(y);
      cv::Vec3b* o = out.ptr<cv::Vec3b>(y);
      for (int x = 0; x < photo.cols; ++x) {
        if (d[x] <= 1e-4f) {
          o[x] = in[x];
          continue;
        }
        for (int c = 0; c < 3; ++c)
          o[x][c] = cv::saturate_cast<uchar>(static_cast<float>(in[x][c]) * std::exp(-d[x] * a[c]));
      }
    }
  });
  return out;
}

cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options) {
  const cv::Mat1f od = pigment_layer(photo.size(), 1.0, plan, impressions, params, options);
  return apply_pigment(photo, od, params);
}

}  // namespace smp::render
