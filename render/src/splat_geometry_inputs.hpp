#pragma once
// Everything the splats' geometry (centres, shapes, boxes, tile bins) and their undiluted ink
// read, kept by a LayerWorkspace so that a layer whose only change is the shade re-inks the
// splats of the previous call instead of preparing and binning them again.

#include "pigment_splats.hpp"
#include "smp/render/appearance.hpp"
#include "smp/render/compositor.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <span>
#include <vector>

namespace smp::render::detail {

class SplatGeometryInputs {
 public:
  // True when every impression shared with the recorded layer has the splats it had there:
  // everything but the impressions equal. Not read: the shade (dilution, session offsets,
  // hair and scar shades), which only scales each splat's ink.
  bool same_inputs(cv::Size size, double scale, const sim::Plan& plan, int last_shown_session,
                   const AppearanceParams& params, const CompositeOptions& options, const OpticsVariance& optics) const;
  bool same_impressions(std::span<const sim::Impression> impressions) const;
  void record(cv::Size size, double scale, const sim::Plan& plan, std::span<const sim::Impression> impressions,
              int last_shown_session, const AppearanceParams& params, const CompositeOptions& options,
              const OpticsVariance& optics);
  void clear() { recorded_ = false; }
  bool recorded() const { return recorded_; }
  std::span<const sim::Impression> impressions() const { return impressions_; }

 private:
  bool recorded_ = false;
  cv::Size size_;
  double scale_ = 0;
  int last_shown_session_ = 0;
  OpticsVariance optics_;
  AppearanceParams params_;
  CompositeOptions options_;
  std::vector<sim::Impression> impressions_;
  // Of the plan: photo size and calibration, needle, depth, lifestyle (fading), the head
  // frame and perspective (the surface tilt), the scar mask (scatter).
  cv::Size photo_;
  double px_per_mm_ = 0;
  sim::Needle needle_;
  double depth_mm_ = 0;
  sim::Lifestyle lifestyle_;
  sim::Perspective perspective_;
  sim::ViewKind view_{};
  cv::RotatedRect outline_;
  cv::Mat1b scar_;
};

}  // namespace smp::render::detail
