#pragma once
// One photo (+ plan) in, result images, estimate and plan out: the classic smp-render
// options. run_render_job is a consultation with one view (run_consultation_job), kept as
// the short form for benchmarks and tests.

#include "smp/sim/plan.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smp::app {

struct RenderJob {
  std::filesystem::path photo;           // required unless the plan names a reachable photo
  std::optional<std::filesystem::path> plan;      // without it: the first plan (automatic + clinic defaults + shade)
  std::optional<std::filesystem::path> after;     // full-resolution simulated photo
  std::optional<std::filesystem::path> mockup;    // labelled before/after
  std::optional<std::filesystem::path> estimate;  // estimate JSON
  std::optional<std::filesystem::path> save_plan; // the plan used, as JSON
  int up_to_session = 0;                 // 0 = all sessions
  bool fresh = false;                    // show the last shown session on day 0 instead of healed
  double years = 0;                      // longevity preview: years after the last session (0-10)
  std::optional<std::uint64_t> seed;     // overrides the plan's seed
  bool force = false;                    // render an automatic plan even when no head was found
  bool check = false;                    // run the naturalness check
  std::optional<sim::BuzzParams> buzz;   // overrides the plan's buzz-cut preview
  // Without a plan: the photo is a top view with the face toward this side (photo pixels),
  // whatever the automatic plan would find.
  std::optional<cv::Point2d> face_toward = std::nullopt;
};

struct RenderStageTimes {
  double decode_ms = 0, plan_ms = 0, buzz_ms = 0, placement_ms = 0, composite_ms = 0, encode_ms = 0;
};

struct RenderResult {
  std::size_t impressions = 0;
  RenderStageTimes times;                // decode_ms: decoding (and the analysis image); plan_ms: the first plan
  std::vector<std::string> warnings;
};

// Throws std::exception with a one-line, human-readable message on failure (see
// run_consultation_job). The outputs are written all-or-nothing.
RenderResult run_render_job(const RenderJob& job);

}  // namespace smp::app
