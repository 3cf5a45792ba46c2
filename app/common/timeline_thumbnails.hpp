#pragma once
// Small pictures of the treatment's moments (timeline_steps), of the treatment area, for the
// viewer's timeline strip (rendered off the UI thread) and the report's timeline page alike:
// the CPU compositor at about the picture's own scale, not the whole photo at full size.

#include "timeline_states.hpp"

#include "smp/render/appearance.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/core.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace smp::app {

struct ThumbnailRequest {
  cv::Mat3b photo;                                    // the plan's photo (shared, never modified)
  sim::Plan plan;                                     // the plan the SMP layer uses over `base`
  // The plan's dots (the viewer's current ones). A caller that renders in its own thread may
  // pass a non-owning pointer, valid for the call.
  std::shared_ptr<const sim::Simulation> simulation;
  render::AppearanceParams appearance;
  int width_px = 320;                                 // thumbnail width
  double aspect = 1.5;                                // thumbnail width / height
  // The photo the SMP is drawn on, as on the canvas: the buzz-cut preview's picture (shared,
  // the size of `photo`), or empty for `photo` itself. "Before" always shows `photo`.
  cv::Mat3b base;
  // The skin tone, blur and noise of the photo the SMP is drawn on (render::estimate_plan_tone),
  // when the caller has measured them already; else measured here.
  std::optional<render::PhotoTone> tone;
};

struct Thumbnail {
  TimelineStep step;
  cv::Mat3b image;  // BGR, width_px wide
};

// One thumbnail per timeline step of the plan, in order, of app::timeline_crop. Each is
// composited at twice its size and then area-averaged, so the dots read as on the canvas.
std::vector<Thumbnail> render_timeline_thumbnails(const ThumbnailRequest& request);

}  // namespace smp::app
