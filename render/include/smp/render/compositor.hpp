#pragma once
// CPU compositor: impressions -> pigment layers (optical density + fresh redness) -> photo
// with SMP. Used for exports and tests; the OpenGL viewer applies the same layers with the
// same formula (appearance.hpp).

#include "smp/render/appearance.hpp"
#include "smp/render/layer_workspace.hpp"
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
  bool operator==(const CompositeOptions&) const = default;
};

struct PigmentLayers {
  cv::Mat1f od;        // optical density per pixel of the output size
  cv::Mat1f redness;   // 0-1 on a coarse grid covering the same area; empty = none
  ApplyUniforms uniforms;
};

// Layers for an image of `size` covering the photo at `scale` image px per photo px
// (1 = full resolution). `tone` is the photo's skin reference (estimate_photo_tone).
// With a `workspace`, the call reuses its memory (and the od layer returned may share it: the
// workspace gives that memory to a later call only once nothing else holds the layer).
PigmentLayers pigment_layers(cv::Size size, double scale, const sim::Plan& plan,
                             std::span<const sim::Impression> impressions, const PhotoTone& tone,
                             const AppearanceParams& params = {}, const CompositeOptions& options = {},
                             LayerWorkspace* workspace = nullptr);

// Only the optical density (for tests and callers that need no redness).
cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params = {},
                        const CompositeOptions& options = {});

// The apply formula over a photo; the layers cover the photo (od at its size).
cv::Mat3b apply_pigment(const cv::Mat3b& photo, const PigmentLayers& layers);
// The same into `out`, reallocated only when its size differs (`out` may be `photo`).
void apply_pigment_into(const cv::Mat3b& photo, const PigmentLayers& layers, cv::Mat3b& out);

// Older form: default depth, skin reference taken from the photo itself, no redness.
cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params = {});

// The plan's impressions composited at full resolution into `out`, which is reallocated only
// when its size differs from the photo's (callers that composite repeatedly keep one buffer;
// `out` may be `photo` itself). Works tile by tile on all cores: splats are binned to tiles,
// and each tile's optical density lives only while its pixels are written, so no photo-sized
// float layer exists (except when the dots lie too close for the photo to resolve, where the
// grain pass needs the whole layer). Pixels equal pigment_layers + apply_pigment at scale 1
// and do not depend on the thread count. `tone`: estimate_plan_tone(photo, plan).
void composite_into(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const PhotoTone& tone, const AppearanceParams& params, const CompositeOptions& options,
                    cv::Mat3b& out);

// The photo with the plan's impressions composited at full resolution (composite_into with
// the plan's skin reference, into a new image).
cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params = {}, const CompositeOptions& options = {});

// The skin reference of a photo: typical diffuse skin colour inside `mask` (any size,
// mapped onto the photo; empty = the whole photo), ignoring highlights and shadows.
PhotoTone estimate_photo_tone(const cv::Mat3b& photo, const cv::Mat1b& mask = {});

// The skin reference for a plan: its treatment area without the remaining hair, with the
// photo's blur where it varies (PhotoTone::blur_field) for drawing the dots.
PhotoTone estimate_plan_tone(const cv::Mat3b& photo, const sim::Plan& plan);
// The same without the blur field, for what reads no dot's own blur (the shade's predictions
// and suggestions see the work through a reference blur): it costs the field's edge fits less.
PhotoTone estimate_plan_skin_tone(const cv::Mat3b& photo, const sim::Plan& plan);

}  // namespace smp::render
