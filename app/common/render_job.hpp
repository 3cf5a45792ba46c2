#pragma once
// One headless render: photo (+ plan) in, result images, estimate and plan out.
// Shared by smp-render and by tests.

#include "smp/render/appearance.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace smp::app {

struct RenderJob {
  std::filesystem::path photo;           // required unless the plan names a reachable photo
  std::optional<std::filesystem::path> plan;      // without it: the automatic plan
  std::optional<std::filesystem::path> after;     // full-resolution simulated photo
  std::optional<std::filesystem::path> mockup;    // labelled before/after
  std::optional<std::filesystem::path> estimate;  // estimate JSON
  std::optional<std::filesystem::path> save_plan; // the plan used, as JSON
  int up_to_session = 0;                 // 0 = all sessions
  bool fresh = false;                    // show the last shown session on day 0 instead of healed
  double years = 0;                      // longevity preview: years after the last session (0-10)
  std::optional<std::uint64_t> seed;     // overrides the plan's seed
  bool force = false;                    // render an automatic plan even when no head was found
  bool check = false;                    // run the naturalness check (RenderResult::naturalness)
  std::optional<sim::BuzzParams> buzz;   // overrides the plan's buzz-cut preview
};

struct RenderStageTimes {
  double decode_ms = 0, plan_ms = 0, placement_ms = 0, composite_ms = 0, encode_ms = 0;
};

struct RenderResult {
  sim::Plan plan;
  sim::Estimate estimate;
  std::size_t impressions = 0;
  RenderStageTimes times;
  std::vector<std::string> warnings;  // e.g. "the photo differs from the one the plan was made for"
  std::string look;                    // with check: stubble vs simulation at arm's length
  std::vector<std::string> naturalness;  // with check: what is likely to look fake
  cv::Mat3b buzzed;                      // the photo with the buzz, before SMP (empty: no buzz drawn)
};

// Runs the job. Throws std::exception with a one-line, human-readable message on failure:
// among others when the automatic plan found no head (or the photo cannot show one) and
// neither a plan nor `force` was given. The outputs are written all-or-nothing.
RenderResult run_render_job(const RenderJob& job, const sim::SimulationSettings& settings = {},
                            const render::AppearanceParams& appearance = {});

// Footer lines for a mockup summarising the estimate.
std::vector<std::string> estimate_summary_lines(const sim::Plan& plan, const sim::Estimate& e);

}  // namespace smp::app
