#include "smp/render/compositor.hpp"

#include "tile_splat.hpp"
#include "touches.hpp"
#include "pigment_rows.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <array>
#include <vector>
#include <cmath>

namespace smp::render {

static_assert(detail::kTileSize <= detail::PigmentRows::kMaxRun, "a tile row is one kernel call");

namespace {

// Any run of pixels, in pieces the row kernel takes.
void apply_run(const detail::PigmentRows& rows, const cv::Vec3b* in, const float* od, cv::Vec3b* out, int n) {
  for (int x = 0; x < n; x += detail::PigmentRows::kMaxRun)
    rows.apply(in + x, od + x, out + x, std::min(detail::PigmentRows::kMaxRun, n - x));
}

}  // namespace

cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params,
                        const CompositeOptions& options) {
  cv::Mat1f layer(size);
  const std::vector<detail::Touch> touches = detail::expand_touches(plan, impressions, scale, params, options);
  detail::splat_tiles(size, touches, [&](const cv::Rect& tile, const float* od) {
    for (int y = 0; y < tile.height; ++y) {
      float* row = layer.ptr<float>(tile.y + y) + tile.x;
      if (od)
        std::copy_n(od + y * detail::kTileSize, tile.width, row);
      else
        std::fill_n(row, tile.width, 0.0f);
    }
  });
  return layer;
}

cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params) {
  CV_Assert(photo.size() == od.size());
  cv::Mat3b out(photo.size());
  const detail::PigmentRows rows(params.absorption_bgr);
  cv::parallel_for_(cv::Range(0, photo.rows), [&](const cv::Range& range) {
    for (int y = range.start; y < range.end; ++y) apply_run(rows, photo.ptr<cv::Vec3b>(y), od.ptr<float>(y), out.ptr<cv::Vec3b>(y), photo.cols);
  });
  return out;
}

void composite_into(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    cv::Mat3b& out, const AppearanceParams& params, const CompositeOptions& options) {
  CV_Assert(out.data != photo.data || photo.empty());
  out.create(photo.size());
  const detail::PigmentRows rows(params.absorption_bgr);
  const std::vector<detail::Touch> touches = detail::expand_touches(plan, impressions, 1.0, params, options);
  // Each tile's density goes straight into its pixels: no photo-sized float layer.
  detail::splat_tiles(photo.size(), touches, [&](const cv::Rect& tile, const float* od) {
    for (int y = 0; y < tile.height; ++y) {
      const cv::Vec3b* in = photo.ptr<cv::Vec3b>(tile.y + y) + tile.x;
      cv::Vec3b* o = out.ptr<cv::Vec3b>(tile.y + y) + tile.x;
      if (od)
        rows.apply(in, od + y * detail::kTileSize, o, tile.width);
      else
        std::copy_n(in, tile.width, o);
    }
  });
}

cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options) {
  cv::Mat3b out;
  composite_into(photo, plan, impressions, out, params, options);
  return out;
}

}  // namespace smp::render
