#pragma once
// The consultation's timeline, declared once: before · session 1 day 0 · session 1 healed ·
// final healed · some years later. The viewer's timeline strip and the grid export both
// read this list, so they always show the same moments.

#include "deliverables.hpp"

#include "smp/render/compositor.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace smp::app {

// Years after the last session the timeline's last picture shows.
inline constexpr double kTimelineYears = 5.0;

struct TimelineStep {
  bool before = false;     // the photo as taken (no dots); `state` is then unused
  ResultState state;       // which moment of the treatment the picture shows
  std::string label;       // short, for a thumbnail: "Session 1, day 0"
};

// The steps for a plan of `sessions` sessions (1-6). With one session "session 1 healed" and
// "final healed" are the same moment and appear once.
std::vector<TimelineStep> timeline_steps(int sessions);

// The compositor's options for a result state (fresh: the last shown session on day 0).
render::CompositeOptions result_composite_options(const ResultState& state);

// The part of the photo a small timeline picture shows: the treatment area with a margin,
// widened to `aspect` (width / height) and kept inside the photo; the whole photo when the
// plan has no treatment area.
cv::Rect timeline_crop(const sim::Plan& plan, cv::Size photo, double aspect);

// The caption of a step in exports: "Before", or result_caption of its state.
std::string timeline_caption(const TimelineStep& step, int sessions);

}  // namespace smp::app
