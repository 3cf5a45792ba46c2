// The tiled compositor: the optical density of one tile at a time, applied straight to the
// output pixels of that tile.

#include "smp/render/compositor.hpp"

#include "apply_rows.hpp"
#include "grain.hpp"
#include "pigment_splats.hpp"
#include "splat.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace smp::render {

namespace {

// 256 KB of float OD per tile: stays in a core's L2 cache. Wide rather than square: the photo
// and output rows are read and written in runs of 512 pixels, which the memory prefetch
// follows better than runs of 256 (about a tenth off the 24 MP composite).
const cv::Size kTile(512, 128);

// What one worker reuses from tile to tile.
struct TileScratch {
  cv::Mat1f od;
  std::vector<float> weights, redness, apply;
};

}  // namespace

void composite_into(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const PhotoTone& tone, const AppearanceParams& params, const CompositeOptions& options,
                    cv::Mat3b& out) {
  CV_Assert(!photo.empty());
  const cv::Size size = photo.size();
  const double spacing = detail::dot_spacing_px(plan, 1.0);
  if (spacing > 0 && detail::grain_share(spacing) > 0) {
    // The grain pass blurs the whole layer (dots closer than the photo resolves).
    apply_pigment_into(photo, pigment_layers(size, 1.0, plan, impressions, tone, params, options), out);
    return;
  }
  out.create(size);
  std::vector<detail::Splat> splats;
  {  // the per-block parts go once concatenated: not held while the tiles are drawn
    std::vector<detail::SplatBlock> parts;
    detail::prepare_splats(1.0, plan, impressions, params, options, detail::OpticsVariance(tone, 1.0, params), splats,
                           parts);
  }
  detail::TileBins bins;
  detail::bin_splats(splats, size, kTile, bins);
  const cv::Mat1f redness = detail::redness_layer(size, plan.calibration.px_per_mm, splats, params);
  cv::Mat1b occlusion;  // 8-bit, as the plan holds it: the share of skin that strands of hair hide
  if (!plan.masks.occlusion.empty()) cv::resize(plan.masks.occlusion, occlusion, size, 0, 0, cv::INTER_LINEAR);
  const ApplyUniforms uniforms = apply_uniforms(detail::pigment_depth_mm(plan, params, options), tone, params);

  cv::parallel_for_(cv::Range(0, bins.cols * bins.rows), [&](const cv::Range& tiles) {
    TileScratch s;
    for (int t = tiles.start; t < tiles.end; ++t) {
      const cv::Rect r = bins.rect(t);
      if (bins.splats(t).empty() && redness.empty()) {  // no pigment here: the photo as it is
        if (out.data != photo.data) photo(r).copyTo(out(r));
        continue;
      }
      s.od.create(r.size());
      s.od.setTo(0.0f);
      detail::splat_tile(splats, bins, t, s.od, s.weights);
      std::optional<detail::CoarseSampler> sampler;
      if (!redness.empty()) {
        sampler.emplace(redness, size, r.x, r.width);
        s.redness.resize(static_cast<std::size_t>(r.width));
      }
      for (int y = r.y; y < r.br().y; ++y) {
        float* od = s.od.ptr<float>(y - r.y);
        if (!occlusion.empty()) {
          const uchar* occ = occlusion.ptr<uchar>(y) + r.x;
          for (int x = 0; x < r.width; ++x)
            od[x] *= std::max(static_cast<float>(occ[x]) * (-1.0f / 255.0f) + 1.0f, 0.0f);
        }
        if (sampler) sampler->row(y, s.redness.data());
        detail::apply_row(photo.ptr<cv::Vec3b>(y) + r.x, od, sampler ? s.redness.data() : nullptr, r.width, uniforms,
                          out.ptr<cv::Vec3b>(y) + r.x, s.apply);
      }
    }
  });
}

}  // namespace smp::render
