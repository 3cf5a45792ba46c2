#pragma once
// The buzz's regions of one photo kept for the next buzz of it: what `plan_buzz` decides
// depends on the photo, its head and hair (masks, hairline, scale, detection), not on the
// length clipped to or the days of regrowth. Trying another length or moving the regrowth
// slider then only draws again (render::render_buzz).

#include "smp/sim/buzz.hpp"

#include <opencv2/core.hpp>

namespace smp::sim {

class BuzzRegionCache {
 public:
  // The regions of `plan.params.buzz` on `photo`: those kept when the photo (the same pixels
  // buffer) and what the decision reads of the plan are unchanged, with this buzz's length;
  // else decided again (with `detection` when given, as plan_buzz).
  BuzzRegions regions(const cv::Mat3b& photo, const Plan& plan, const ScalpDetection* detection = nullptr);
  bool reused() const { return reused_; }  // the last call kept the regions

 private:
  cv::Mat3b photo_;  // held, so its address stays its own
  Plan inputs_;      // the plan the kept regions were decided for (its masks copied)
  BuzzRegions kept_;
  bool has_ = false, reused_ = false;
};

}  // namespace smp::sim
