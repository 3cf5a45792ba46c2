#pragma once
// Mouse presses as the window system reported them, and double clicks told by their own
// times and places: the frames between two clicks may take any time.

#include <cmath>

namespace smp::studio {

struct MouseClick {
  int button = -1;
  int mods = 0;         // GLFW_MOD_* bits
  double time_s = -1;   // when the button went down (seconds, window-system clock)
  double x = 0, y = 0;  // window logical px
};

struct DoubleClickLimits {
  double max_interval_s = 0.4;
  double max_distance_px = 6;
};

// `second` completes a double click begun by `first`.
inline bool is_double_click(const MouseClick& first, const MouseClick& second, const DoubleClickLimits& limits = {}) {
  const double dt = second.time_s - first.time_s;
  return first.button == second.button && first.time_s >= 0 && dt >= 0 && dt <= limits.max_interval_s &&
         std::hypot(second.x - first.x, second.y - first.y) <= limits.max_distance_px;
}

}  // namespace smp::studio
