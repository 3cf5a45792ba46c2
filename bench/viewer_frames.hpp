#pragma once
// Frame times of the smp-studio viewer itself (software or hardware OpenGL, whatever the
// display gives), measured in a child process: the viewer opens a 12 MP photo with a plan of
// about 100k impressions in a 1600 x 1000 window, pans and zooms for 150 frames, and
// regenerates the dots every 40 frames (`--bench-frames 150 --bench-regen`). Needs a display
// (DISPLAY set; `xvfb-run` gives one) and the viewer built next to this program.

#include <filesystem>
#include <optional>
#include <string>

namespace smp::bench {

struct FrameTimes {
  double median_ms = 0, p95_ms = 0, max_ms = 0;
  int frames = 0;
};

struct ViewerFrames {
  FrameTimes still;         // frames that only pan and zoom
  FrameTimes regenerating;  // frames drawn while the dots are being regenerated
  double impressions = 0;
  double edit_to_dots_ms = 0;  // the last edit's request until its dots were uploaded
};

// The figures, or why there are none (no display, no viewer, the child failed) in `why`.
std::optional<ViewerFrames> measure_viewer_frames(std::string& why);

}  // namespace smp::bench
