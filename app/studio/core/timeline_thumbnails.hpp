#pragma once
// Small pictures of the treatment's moments (app::timeline_steps) for the viewer's timeline
// strip, rendered by the CPU compositor off the UI thread. Window-free: no GL, no ImGui.

#include "timeline_states.hpp"

#include "smp/render/appearance.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/core.hpp>

#include <memory>
#include <vector>

namespace smp::studio {

struct ThumbnailRequest {
  cv::Mat3b photo;                                    // the plan's photo (shared, never modified)
  sim::Plan plan;                                     // the plan the SMP layer uses over `base`
  std::shared_ptr<const sim::Simulation> simulation;  // the plan's dots (the viewer's current ones)
  render::AppearanceParams appearance;
  int width_px = 320;                                 // thumbnail width
  double aspect = 1.5;                                // thumbnail width / height
  // The photo the SMP is drawn on, as on the canvas: the buzz-cut preview's picture (shared,
  // the size of `photo`), or empty for `photo` itself. "Before" always shows `photo`.
  cv::Mat3b base;
};

struct Thumbnail {
  app::TimelineStep step;
  cv::Mat3b image;  // BGR, width_px wide
};

// One thumbnail per timeline step of the plan, in order, of app::timeline_crop. Each is
// composited at twice its size and then area-averaged, so the dots read as on the canvas.
std::vector<Thumbnail> render_timeline_thumbnails(const ThumbnailRequest& request);

}  // namespace smp::studio
