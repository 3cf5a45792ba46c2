#pragma once
// One frame of the viewer: events, background results, UI, scene, ImGui, swap.

#include "app_state.hpp"
#include "platform_window.hpp"

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
  const cv::Size fb = frame_ui_and_scene(app, window);
  before_swap(fb);
  window.swap();
}

// Regeneration: post a request when the plan changed; pick up and upload results.
void request_regeneration(AppState& app);
void receive_regeneration(AppState& app);
// True when the dots on screen match the current plan and nothing is pending.
bool dots_up_to_date(const AppState& app);

}  // namespace smp::studio
