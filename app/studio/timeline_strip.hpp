#pragma once
// State of the timeline strip under the canvas: one thumbnail per moment of the treatment
// (app::timeline_steps), rendered in the background by the viewer's task runner and kept
// until the plan changes. Clicking a thumbnail shows that moment on the canvas.

#include "core/background_task.hpp"
#include "timeline_thumbnails.hpp"
#include "smp/render/gl/tiled_texture.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace smp::studio {

struct AppState;

struct TimelineStrip {
  BackgroundTask task;                            // renders the thumbnails (one run at a time)
  std::uint64_t revision = 0;                     // plan revision of the thumbnails shown; 0 = none
  std::uint64_t rendering_revision = 0;           // plan revision the running task renders
  std::optional<std::vector<app::Thumbnail>> arrived;  // rendered, waiting for the GL upload
  std::vector<app::TimelineStep> steps;           // of the thumbnails shown
  std::vector<render::gl::TiledTexture> textures; // one per step (GL, main thread)
  cv::Size thumb_size;                            // pixels of each thumbnail
  double cell_aspect = 1.5;                       // width / height of a thumbnail's place in the strip
  std::vector<std::array<float, 4>> rects;        // screen rect of each thumbnail as last drawn (tests)
  std::string error;                              // the last rendering failure
};

// Height of the strip in logical pixels at `ui_scale`.
float timeline_strip_height(float ui_scale);
// Starts rendering when the plan changed and its dots are ready; uploads finished thumbnails.
void update_timeline(AppState& app);
// Draws the strip in the rectangle and applies clicks.
void timeline_strip(AppState& app, float x, float y, float width, float height);
// The thumbnails match the open plan (screenshots wait for this).
bool timeline_settled(const AppState& app);

}  // namespace smp::studio
