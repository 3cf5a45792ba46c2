#include "buzz_step.hpp"

#include "smp/render/buzz.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/shade.hpp"

#include <algorithm>

namespace smp::app {

std::string buzz_refusal_message(const std::string& refusal) {
  return "buzz-cut preview not drawn: " + refusal;
}

BuzzStep apply_buzz(const cv::Mat3b& photo, sim::Plan& plan, bool match_shade, std::vector<std::string>& warnings,
                    const sim::ScalpDetection* detection) {
  if (!plan.params.buzz.active()) return apply_buzz(photo, plan, match_shade, warnings, sim::BuzzRegions{});
  const sim::BuzzRegions regions = detection ? sim::plan_buzz(photo, plan, *detection) : sim::plan_buzz(photo, plan);
  return apply_buzz(photo, plan, match_shade, warnings, regions);
}

BuzzStep apply_buzz(const cv::Mat3b& photo, sim::Plan& plan, bool match_shade, std::vector<std::string>& warnings,
                    const sim::BuzzRegions& regions) {
  BuzzStep step;
  step.base = photo;
  step.smp_plan = plan;
  if (!plan.params.buzz.active()) return step;
  render::BuzzImage buzz = render::render_buzz(photo, plan, regions);
  for (const std::string& w : buzz.warnings) warnings.push_back(w);
  if (!buzz.refusal.empty()) {
    step.refusal = buzz.refusal;
    warnings.push_back(buzz_refusal_message(buzz.refusal));
    return step;
  }
  step.buzzed = buzz.hairs > 0 || buzz.clipped_share > 0;
  step.stubble_darkening = buzz.stubble_darkening;
  if (step.buzzed && match_shade) {
    // The SMP imitates the stubble next to it: its healed work aims at the stubble's contrast.
    const render::ShadeParams shade;
    const double target = std::clamp(buzz.stubble_darkening, shade.min_target_darkening, shade.max_target_darkening);
    const render::PhotoTone tone = render::estimate_plan_skin_tone(buzz.image, plan);
    plan.params.pigment.dilution_pct = render::dilution_for_darkening(target, plan, tone);
  }
  step.smp_plan = render::plan_over_buzz(plan, buzz);
  step.off_head = buzz.background;
  step.base = std::move(buzz.image);
  return step;
}

}  // namespace smp::app
