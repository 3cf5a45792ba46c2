#pragma once
// The naturalness check: what is likely to make the planned work look fake, as one line each
// for the person (the viewer, `smp-render --check`, the estimate and the report show them).

#include "smp/render/appearance.hpp"
#include "smp/render/shade.hpp"
#include "smp/render/stubble.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <optional>
#include <string>
#include <vector>

namespace smp::render {

struct NaturalnessParams {
  double stubble_margin = 0.05;     // simulation darker than the stubble by more: too dark
  double helmet_darkening = 0.25;   // without stubble: darker than this at arm's length is a helmet
  double faint_darkening = 0.06;    // lighter than this: the work hardly shows
  double min_irregularity = 0.1;    // a hairline with less reads as drawn
  double long_hair_contrast = 0.27; // remaining hair darker than this is longer than shaved stubble
};

// The arm's-length figures side by side: the client's stubble (when the photo has some) and
// the plan's simulated healed work, both as darkening of the bare skin (0-1).
struct LookFigures {
  std::optional<StubbleMeasure> stubble;
  double simulated = 0;
  bool treated = true;  // false: the plan shows no work anywhere (nothing treated, or all of it
                        // excluded or under thick hair), so there is no look to compare
};
LookFigures look_figures(const cv::Mat3b& photo, const sim::Plan& plan, const AppearanceParams& params = {},
                         const ShadeParams& shade = {});
// The same with the photo's analysis image (measure_stubble).
LookFigures look_figures(const cv::Mat3b& photo, const sim::AnalysisImage& analysis, const sim::Plan& plan,
                         const AppearanceParams& params = {}, const ShadeParams& shade = {});
// The same from the stubble and the tone already measured on the photo (the viewer keeps them
// while only the plan changes).
LookFigures look_figures(const sim::Plan& plan, std::optional<StubbleMeasure> stubble, const PhotoTone& tone,
                         const AppearanceParams& params = {}, const ShadeParams& shade = {});

// "stubble 16 % darker than skin; simulation 15 %" (or without stubble, the simulation alone;
// with nothing treated, that).
std::string look_summary(const LookFigures& figures);

// The warnings; empty when nothing looks fake.
std::vector<std::string> naturalness_warnings(const sim::Plan& plan, const LookFigures& figures,
                                              const NaturalnessParams& params = {});

}  // namespace smp::render
