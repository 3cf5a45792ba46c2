#include "smp/render/naturalness.hpp"

#include "smp/render/compositor.hpp"
#include "smp/render/look_metrics.hpp"

#include <cmath>
#include <cstdio>
#include <utility>

namespace smp::render {

namespace {

int pct(double v) { return static_cast<int>(std::lround(100.0 * v)); }

std::string format(const char* fmt, int a, int b = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

// Whether any pixel of the plan is treated, not excluded and not wholly hidden by hair.
bool shows_work(const sim::Plan& plan) {
  const cv::Mat1b shown = treatment_without(plan, {&plan.masks.exclusion, &plan.masks.occlusion}, 254);
  return !shown.empty() && cv::countNonZero(shown) > 0;
}

}  // namespace

LookFigures look_figures(const cv::Mat3b& photo, const sim::Plan& plan, const AppearanceParams& params,
                         const ShadeParams& shade) {
  return look_figures(photo, sim::make_analysis_image(photo), plan, params, shade);
}

LookFigures look_figures(const cv::Mat3b& photo, const sim::AnalysisImage& analysis, const sim::Plan& plan,
                         const AppearanceParams& params, const ShadeParams& shade) {
  return look_figures(plan, measure_stubble(photo, analysis, plan), estimate_plan_skin_tone(photo, plan), params, shade);
}

LookFigures look_figures(const sim::Plan& plan, std::optional<StubbleMeasure> stubble, const PhotoTone& tone,
                         const AppearanceParams& params, const ShadeParams& shade) {
  LookFigures f;
  f.treated = shows_work(plan);
  f.stubble = std::move(stubble);
  f.simulated = predicted_darkening(plan, plan.params.pigment.dilution_pct, tone, params, shade);
  return f;
}

std::string look_summary(const LookFigures& f) {
  if (!f.treated) return "nothing treated: the plan shows no work on the skin, so there is no look to compare";
  if (!f.stubble) return format("simulation %d %% darker than bare skin at arm's length (no stubble in the photo)", pct(f.simulated));
  return format("stubble %d %% darker than skin; simulation %d %%", pct(f.stubble->contrast), pct(f.simulated));
}

std::vector<std::string> naturalness_warnings(const sim::Plan& plan, const LookFigures& f,
                                              const NaturalnessParams& params) {
  std::vector<std::string> w;
  if (!f.treated) return w;  // no work to look fake
  if (f.stubble && f.stubble->grey_or_white)
    w.push_back("the client's stubble is grey or white: SMP cannot imitate white hair; a lighter shade is used");
  if (f.stubble && !f.stubble->grey_or_white && f.simulated > f.stubble->contrast + params.stubble_margin)
    w.push_back(format("darker than the client's stubble: the healed work reads %d %% darker than bare skin, the stubble "
                       "%d %% (lighter shade or lower density)",
                       pct(f.simulated), pct(f.stubble->contrast)));
  if (f.stubble && f.stubble->contrast > params.long_hair_contrast)
    w.push_back(format("the remaining hair reads %d %% darker than bare skin, more than shaved stubble does: SMP blends "
                       "with hair clipped to about 1 mm; longer, the treated scalp will look lighter than it",
                       pct(f.stubble->contrast)));
  if (!f.stubble && f.simulated > params.helmet_darkening)
    w.push_back(format("helmet risk: the healed work reads %d %% darker than bare skin at arm's length (shaved stubble "
                       "reads 13-18 %%)",
                       pct(f.simulated)));
  if (f.simulated < params.faint_darkening)
    w.push_back(format("the healed work hardly shows (%d %% darker than bare skin): darker shade or more density",
                       pct(f.simulated)));
  if (plan.hairline.enabled() && plan.params.irregularity < params.min_irregularity)
    w.push_back("the hairline has no irregularity: a clean line reads as drawn");
  return w;
}

}  // namespace smp::render
