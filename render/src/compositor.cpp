#include "smp/render/compositor.hpp"

#include "apply_rows.hpp"
#include "layer_buffers.hpp"
#include "grain.hpp"
#include "pigment_splats.hpp"
#include "splat.hpp"
#include "smp/sim/fading.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace smp::render {

namespace {

// The most kernel weights a workspace keeps (floats; 64 MB): a layer at the viewer's size
// needs a few million (100k impressions of 3-point groupings at 1600 px: about 10 million),
// a full-resolution one may need far more and is not kept.
constexpr std::size_t kMaxCachedWeights = std::size_t{16} << 20;
// The most pixels of a layer a workspace keeps as drawn, before the grain (32 MB).
constexpr int kMaxKeptLayerPixels = 8 << 20;

// Pigment lies under the skin: where strands of hair cover it, it does not show. Scales the
// optical density by the visible share of skin (1 - occlusion).
void apply_occlusion(cv::Mat1f& od, const cv::Mat1b& occlusion) {
  if (occlusion.empty() || od.empty()) return;
  cv::Mat1b occ;
  cv::resize(occlusion, occ, od.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat1f visible;
  occ.convertTo(visible, CV_32F, -1.0 / 255, 1.0);
  visible = cv::max(visible, 0.0f);  // 255 must hide all, not leave a rounding residue of the wrong sign
  od = od.mul(visible);
}

}  // namespace

PigmentLayers pigment_layers(cv::Size size, double scale, const sim::Plan& plan,
                             std::span<const sim::Impression> impressions, const PhotoTone& tone,
                             const AppearanceParams& params, const CompositeOptions& options,
                             LayerWorkspace* workspace) {
  std::optional<LayerWorkspace> own;
  LayerWorkspace::Buffers& buf = workspace ? workspace->buffers() : own.emplace().buffers();
  PigmentLayers layers;
  // The last layer's memory, unless the caller still holds that layer.
  if (buf.od.empty() || buf.od.size() != size || buf.od.u->refcount > 1) buf.od = cv::Mat1f(size);
  buf.od.setTo(0.0f);
  layers.od = buf.od;
  std::vector<detail::Splat>& splats = buf.splats;
  detail::TileBins& bins = buf.bins;
  const detail::OpticsVariance optics_var(tone, scale, params);
  const int last = detail::last_shown_session(impressions, options);
  const bool same_inputs = workspace && buf.geometry.same_inputs(size, scale, plan, last, params, options, optics_var);
  buf.reused_splats = same_inputs && buf.geometry.same_impressions(impressions);
  buf.kept_impressions = 0;
  if (buf.reused_splats) {
    // Only the shade changed since the last layer: the splats and their bins stand, re-inked,
    // and so do their kernels (kept from the first such call on).
    detail::reink_splats(plan, impressions, buf.inks, splats, buf.concentration);
    buf.kept_impressions = impressions.size();
    if (!buf.weights.valid) detail::cache_splat_weights(splats, bins, kMaxCachedWeights, buf.weights);
  } else {
    buf.weights.valid = false;
    // The splats of impressions the last layer drew too are taken from it.
    std::optional<detail::KeptSplats> kept;
    if (same_inputs) {
      std::swap(buf.splats, buf.kept_splats);
      std::swap(buf.inks, buf.kept_inks);
      std::swap(buf.bins, buf.kept_bins);
      kept.emplace(buf.geometry.impressions(), buf.kept_splats, buf.kept_inks);
    }
    buf.geometry.clear();  // until the splats below are complete
    buf.kept_impressions = detail::prepare_splats(scale, plan, impressions, params, options, optics_var, splats,
                                                  buf.splat_parts, workspace ? &buf.inks : nullptr, kept ? &*kept : nullptr);
    detail::bin_splats(splats, size, 256, bins);  // tiles drawn in parallel, each with its splats in order
    if (workspace) buf.geometry.record(size, scale, plan, impressions, last, params, options, optics_var);
  }
  // After an edit that placed a region anew, the tiles whose splats are the last layer's, in
  // the same order, sum to the same values: they are copied from it, not drawn again.
  const bool from_last = same_inputs && !buf.reused_splats && buf.splatted.size() == size && buf.kept_bins.image == size;
  std::vector<unsigned char> copied_tile(static_cast<std::size_t>(bins.cols * bins.rows), 0);
  cv::parallel_for_(cv::Range(0, bins.cols * bins.rows), [&](const cv::Range& tiles) {
    std::vector<float> scratch;
    for (int t = tiles.start; t < tiles.end; ++t) {
      const cv::Rect r = bins.rect(t);
      cv::Mat1f roi = layers.od(r);
      if (from_last && detail::same_tile_splats(splats, bins, buf.kept_splats, buf.kept_bins, t)) {
        buf.splatted(r).copyTo(roi);
        copied_tile[static_cast<std::size_t>(t)] = 1;
      } else if (buf.weights.valid)
        detail::splat_tile_cached(splats, bins, buf.weights, t, roi);
      else
        detail::splat_tile(splats, bins, t, roi, scratch);
    }
  });
  // The rows of the tiles drawn anew: the grain pass redoes the strips that read them only.
  std::vector<unsigned char> changed_rows;
  buf.copied_tiles = static_cast<std::size_t>(std::count(copied_tile.begin(), copied_tile.end(), 1));
  if (buf.copied_tiles > 0) {
    changed_rows.assign(static_cast<std::size_t>(size.height), 0);
    for (int t = 0; t < bins.cols * bins.rows; ++t)
      if (!copied_tile[static_cast<std::size_t>(t)]) {
        const cv::Rect r = bins.rect(t);
        std::fill(changed_rows.begin() + r.y, changed_rows.begin() + r.br().y, 1);
      }
  }
  // The layer as drawn, before the grain and the hair's cover, for the next edit's tiles. A
  // shade edit keeps none (the next shade edit redraws every tile anyway, and a run of them
  // while a slider moves stays as quick as it can): the first placement after it draws whole.
  const bool keep_drawn = workspace && !buf.reused_splats && size.area() <= kMaxKeptLayerPixels;
  if (keep_drawn)
    layers.od.copyTo(buf.splatted);
  else
    buf.splatted.release();
  // Dots only a few pixels apart: mean tone plus grain instead of an aliased dot screen.
  const float blur = tone.blur_sigma_px * static_cast<float>(scale);
  buf.grain.keep_grain = workspace != nullptr;  // kept for the next layer of the same dots
  buf.grain.keep_result = keep_drawn;
  if (const double spacing = detail::dot_spacing_px(plan, scale); spacing > 0)
    detail::unresolved_dots_to_grain(layers.od, spacing, blur, plan.params.seed, buf.grain, {}, changed_rows);
  else
    buf.grain.last_out.release();  // no grain on this layer: none to start the next one from
  apply_occlusion(layers.od, plan.masks.occlusion);  // strands of hair hide the dots under them
  layers.redness = detail::redness_layer(size, plan.calibration.px_per_mm * scale, splats, params);
  layers.uniforms = apply_uniforms(detail::pigment_depth_mm(plan, params, options), tone, params);
  return layers;
}

cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params,
                        const CompositeOptions& options) {
  return pigment_layers(size, scale, plan, impressions, PhotoTone{}, params, options).od;
}

cv::Mat3b apply_pigment(const cv::Mat3b& photo, const PigmentLayers& layers) {
  cv::Mat3b out;
  apply_pigment_into(photo, layers, out);
  return out;
}

void apply_pigment_into(const cv::Mat3b& photo, const PigmentLayers& layers, cv::Mat3b& out) {
  CV_Assert(photo.size() == layers.od.size());
  out.create(photo.size());
  const std::optional<detail::CoarseSampler> redness =
      layers.redness.empty() ? std::nullopt
                             : std::optional<detail::CoarseSampler>(std::in_place, layers.redness, photo.size(), 0, photo.cols);
  cv::parallel_for_(cv::Range(0, photo.rows), [&](const cv::Range& rows) {
    std::vector<float> red(redness ? static_cast<std::size_t>(photo.cols) : 0), scratch;
    for (int y = rows.start; y < rows.end; ++y) {
      if (redness) redness->row(y, red.data());
      detail::apply_row(photo.ptr<cv::Vec3b>(y), layers.od.ptr<float>(y), redness ? red.data() : nullptr, photo.cols,
                        layers.uniforms, out.ptr<cv::Vec3b>(y), scratch);
    }
  });
}

cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params) {
  PigmentLayers layers;
  layers.od = od;
  layers.uniforms = apply_uniforms(sim::Pigment{}.depth_mm, estimate_photo_tone(photo), params);
  return apply_pigment(photo, layers);
}

cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options) {
  cv::Mat3b out;
  composite_into(photo, plan, impressions, estimate_plan_tone(photo, plan), params, options, out);
  return out;
}

}  // namespace smp::render
