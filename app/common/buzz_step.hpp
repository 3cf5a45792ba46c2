#pragma once
// The buzz-cut preview as one step of a render: the plan's remaining hair clipped on the
// photo, which then serves as the photo the SMP layer is drawn on and the exports show.
// Shared by the headless jobs and the viewer.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace smp::app {

struct BuzzStep {
  cv::Mat3b base;            // the photo the SMP is drawn on: buzzed, or the photo itself
  sim::Plan smp_plan;        // the plan for the SMP layer over `base` (clipped hair hides nothing)
  bool buzzed = false;       // a buzz was asked for and drawn
  std::string refusal;       // a buzz was asked for and not drawn: one line why
  double stubble_darkening = 0;  // how much darker the stubble makes the clipped scalp (0-1)
  cv::Mat1b off_head;            // where the hair's volume gave way to the background (no scalp;
                                 // render::exclude_off_head), buzz work size; empty when none
};

// Draws `plan.params.buzz` on `photo`. With `match_shade` the plan's base shade is set so the
// healed SMP reads as dark as the simulated stubble (the stubble-match rule of the automatic
// shade). A refusal is added to `warnings` as one line. `detection`: the photo's scalp
// detection when the caller has it (sim::CheckedAutoPlan's), else the photo is detected again.
BuzzStep apply_buzz(const cv::Mat3b& photo, sim::Plan& plan, bool match_shade, std::vector<std::string>& warnings,
                    const sim::ScalpDetection* detection = nullptr);

// The same from regions already decided for this photo and plan (sim::BuzzRegionCache).
BuzzStep apply_buzz(const cv::Mat3b& photo, sim::Plan& plan, bool match_shade, std::vector<std::string>& warnings,
                    const sim::BuzzRegions& regions);

// The one-line message a refusal is shown with (CLI, estimate JSON, viewer, report).
std::string buzz_refusal_message(const std::string& refusal);

}  // namespace smp::app
