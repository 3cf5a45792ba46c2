#include "smp/sim/buzz_region_cache.hpp"

#include "smp/sim/mask_ops.hpp"

namespace smp::sim {

namespace {

// What plan_buzz reads of a plan, but for the buzz itself.
bool same_decision_inputs(const Plan& a, const Plan& b) {
  return a.photo.width == b.photo.width && a.photo.height == b.photo.height &&
         a.calibration.px_per_mm == b.calibration.px_per_mm && a.head == b.head && a.hairline == b.hairline &&
         same_pixels(a.masks.hair, b.masks.hair) && same_pixels(a.masks.exclusion, b.masks.exclusion);
}

}  // namespace

BuzzRegions BuzzRegionCache::regions(const cv::Mat3b& photo, const Plan& plan, const ScalpDetection* detection) {
  reused_ = has_ && plan.params.buzz.active() && photo.data == photo_.data && photo.size() == photo_.size() &&
            same_decision_inputs(plan, inputs_);
  if (reused_) {
    BuzzRegions r = kept_;
    r.length_mm = buzz_length_mm(plan.params.buzz);
    return r;
  }
  BuzzRegions r = detection ? plan_buzz(photo, plan, *detection) : plan_buzz(photo, plan);
  has_ = plan.params.buzz.active();
  if (has_) {
    photo_ = photo;
    // Only what the decision reads, copied: the caller may paint on its own masks.
    inputs_ = Plan{};
    inputs_.photo = plan.photo;
    inputs_.calibration = plan.calibration;
    inputs_.head = plan.head;
    inputs_.hairline = plan.hairline;
    inputs_.masks.hair = plan.masks.hair.clone();
    inputs_.masks.exclusion = plan.masks.exclusion.clone();
    kept_ = r;
  }
  return r;
}

}  // namespace smp::sim
