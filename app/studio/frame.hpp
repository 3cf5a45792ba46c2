#pragma once
// One frame of the viewer: events, background results, UI, scene, ImGui, swap.

#include "app_state.hpp"
#include "platform_window.hpp"

#include <chrono>

namespace smp::studio {

struct FrameResult {
  bool screenshot_ready = false;  // the frame's pixels are final (dots shown, nothing pending)
};

// Runs one frame. `before_swap` is called with the frame's framebuffer size after
// everything is drawn and before the buffers are swapped (screenshots read pixels there).
template <class BeforeSwap>
void run_frame(AppState& app, PlatformWindow& window, BeforeSwap&& before_swap);

void frame_events(AppState& app, PlatformWindow& window, bool may_sleep);
cv::Size frame_ui_and_scene(AppState& app, PlatformWindow& window);

template <class BeforeSwap>
void run_frame(AppState& app, PlatformWindow& window, BeforeSwap&& before_swap) {
  frame_events(app, window, true);
  // The readout counts the frame's own work, not the idle wait for input before it.
  const auto t0 = std::chrono::steady_clock::now();
  const cv::Size fb = frame_ui_and_scene(app, window);
  before_swap(fb);
  window.swap();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  app.stats.last_ms = app.stats.last_ms == 0 ? ms : 0.9 * app.stats.last_ms + 0.1 * ms;
  ++app.stats.frames;
}

// Regeneration: post a request when the plan changed; pick up and upload results.
void request_regeneration(AppState& app);
void receive_regeneration(AppState& app);
// True when the dots on screen match the current plan and nothing is pending.
bool dots_up_to_date(const AppState& app);

}  // namespace smp::studio
