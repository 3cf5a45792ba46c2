#pragma once
// CPU compositor: impressions -> pigment optical-density layer -> photo with SMP.
// Used for exports and tests; the OpenGL viewer applies the same layer with the same model.

#include "smp/render/appearance.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <span>

namespace smp::render {

struct CompositeOptions {
  int up_to_session = 0;  // show sessions 1..k only; 0 = all
};

// Optical density of the pigment at every pixel of an image of `size` covering the photo,
// scaled by `scale` image pixels per photo pixel (1 = full resolution).
cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params = {},
                        const CompositeOptions& options = {});

// out = photo * exp(-od * absorption), per channel. `od` has the photo's size.
// (composite() does the same tile by tile, without a photo-sized `od`.)
cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params = {});

// The photo with the plan's impressions composited at full resolution, into `out` (reused
// when it already has the photo's size, so repeated renders skip the allocation). Tiled
// and parallel; the pixels do not depend on the number of threads.
void composite_into(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    cv::Mat3b& out, const AppearanceParams& params = {}, const CompositeOptions& options = {});

// The photo with the plan's impressions composited at full resolution.
cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params = {}, const CompositeOptions& options = {});

}  // namespace smp::render
