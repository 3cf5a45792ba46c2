#pragma once
// From impressions to splats: every touch of every shown impression with its per-touch values
// resolved (shade, healing, fading, perspective, needle grouping, the photo's optics), and the
// coarse fresh-skin redness they cause. Shared by the photo-sized layer the viewer uploads and
// the tiled compositor.

#include "splat.hpp"
#include "smp/render/appearance.hpp"
#include "smp/render/compositor.hpp"

#include <span>
#include <vector>

namespace smp::render::detail {

// px^2 added to every splat: the photo's blur at `scale` and the pixel's area.
float optics_variance(const PhotoTone& tone, double scale, const AppearanceParams& params);

// The splats of an output image at `scale` output px per photo px, in impression order (one
// halo after the touches of each healed impression). Computed on all cores; the result does
// not depend on the thread count.
// `out` and `parts` (per block of impressions) are overwritten; their capacity is reused.
void prepare_splats(double scale, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options, float optics_var,
                    std::vector<Splat>& out, std::vector<std::vector<Splat>>& parts);

// Reddening of fresh skin on a coarse grid covering `size` (empty when nothing is fresh).
cv::Mat1f redness_layer(cv::Size size, double px_per_mm, std::span<const Splat> splats, const AppearanceParams& params);

// Depth of the pigment shown: the plan's, plus what the years of fading add.
double pigment_depth_mm(const sim::Plan& plan, const AppearanceParams& params, const CompositeOptions& options);

// Dot spacing in output px of the plan's density (0 when unknown).
double dot_spacing_px(const sim::Plan& plan, double scale);

}  // namespace smp::render::detail
