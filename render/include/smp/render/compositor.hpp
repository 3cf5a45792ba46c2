#pragma once
// CPU compositor: impressions -> pigment layers (optical density + fresh redness) -> photo
// with SMP. Used for exports and tests; the OpenGL viewer applies the same layers with the
// same formula (appearance.hpp).

#include "smp/render/appearance.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <span>

namespace smp::render {

// Which moment of the treatment to show.
struct CompositeOptions {
  int up_to_session = 0;        // show sessions 1..k only; 0 = all
  double latest_healing = 1.0;  // the last shown session: 0 = day 0 (fresh), 1 = healed (~4 weeks);
                                // earlier sessions are always healed
  double years = 0;             // years after the last session (longevity preview; 0-10)
};

struct PigmentLayers {
  cv::Mat1f od;        // optical density per pixel of the output size
  cv::Mat1f redness;   // 0-1 on a coarse grid covering the same area; empty = none
  ApplyUniforms uniforms;
};

// Layers for an image of `size` covering the photo at `scale` image px per photo px
// (1 = full resolution). `tone` is the photo's skin reference (estimate_photo_tone).
PigmentLayers pigment_layers(cv::Size size, double scale, const sim::Plan& plan,
                             std::span<const sim::Impression> impressions, const PhotoTone& tone,
                             const AppearanceParams& params = {}, const CompositeOptions& options = {});

// Only the optical density (for tests and callers that need no redness).
cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params = {},
                        const CompositeOptions& options = {});

// The apply formula over a photo; the layers cover the photo (od at its size).
cv::Mat3b apply_pigment(const cv::Mat3b& photo, const PigmentLayers& layers);

// Older form: default depth, skin reference taken from the photo itself, no redness.
cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params = {});

// The photo with the plan's impressions composited at full resolution.
cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params = {}, const CompositeOptions& options = {});

// The skin reference of a photo: typical diffuse skin colour inside `mask` (any size,
// mapped onto the photo; empty = the whole photo), ignoring highlights and shadows.
PhotoTone estimate_photo_tone(const cv::Mat3b& photo, const cv::Mat1b& mask = {});

// The skin reference for a plan: its treatment area without the remaining hair.
PhotoTone estimate_plan_tone(const cv::Mat3b& photo, const sim::Plan& plan);

}  // namespace smp::render
