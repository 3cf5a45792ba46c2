#include "splat_geometry_inputs.hpp"

#include "smp/sim/mask_ops.hpp"

#include <algorithm>

namespace smp::render::detail {

namespace {

bool same_rect(const cv::RotatedRect& a, const cv::RotatedRect& b) {
  return a.center == b.center && a.size == b.size && a.angle == b.angle;
}

}  // namespace

bool SplatGeometryInputs::same_inputs(cv::Size size, double scale, const sim::Plan& plan, int last_shown_session,
                                      const AppearanceParams& params, const CompositeOptions& options,
                                      const OpticsVariance& optics) const {
  const sim::PlanParams& p = plan.params;
  return recorded_ && size == size_ && scale == scale_ && last_shown_session == last_shown_session_ &&
         optics == optics_ && params == params_ &&
         options == options_ && photo_ == cv::Size(plan.photo.width, plan.photo.height) &&
         px_per_mm_ == plan.calibration.px_per_mm && needle_ == p.needle && depth_mm_ == p.pigment.depth_mm &&
         lifestyle_ == p.lifestyle && perspective_ == p.perspective && view_ == plan.head.view &&
         same_rect(outline_, plan.head.outline) && sim::same_pixels(scar_, plan.masks.scar);
}

bool SplatGeometryInputs::same_impressions(std::span<const sim::Impression> impressions) const {
  return recorded_ && std::equal(impressions.begin(), impressions.end(), impressions_.begin(), impressions_.end());
}

void SplatGeometryInputs::record(cv::Size size, double scale, const sim::Plan& plan,
                                 std::span<const sim::Impression> impressions, int last_shown_session,
                                 const AppearanceParams& params, const CompositeOptions& options,
                                 const OpticsVariance& optics) {
  recorded_ = true;
  size_ = size;
  scale_ = scale;
  last_shown_session_ = last_shown_session;
  optics_ = optics;
  params_ = params;
  options_ = options;
  impressions_.assign(impressions.begin(), impressions.end());
  photo_ = cv::Size(plan.photo.width, plan.photo.height);
  px_per_mm_ = plan.calibration.px_per_mm;
  needle_ = plan.params.needle;
  depth_mm_ = plan.params.pigment.depth_mm;
  lifestyle_ = plan.params.lifestyle;
  perspective_ = plan.params.perspective;
  view_ = plan.head.view;
  outline_ = plan.head.outline;
  scar_ = plan.masks.scar.clone();
}

}  // namespace smp::render::detail
