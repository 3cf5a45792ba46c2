#pragma once
// The canvas: the photo with the simulated dots, pan/zoom, the before/after split line, and
// the overlays of the active tool. The GL scene is drawn before ImGui, under it.

#include "app_state.hpp"

#include <imgui.h>

namespace smp::studio {

// What the tools need to draw and interact in photo coordinates.
struct CanvasContext {
  ImDrawList* draw = nullptr;
  ImVec2 pane_min;          // screen position of the pane showing the editable photo
  ImVec2 pane_max;
  ViewTransform view;       // canvas px of that pane
  bool hovered = false;     // the mouse is over the canvas (not over a panel)
  bool panning = false;     // space/middle/right drag in progress: tools stay passive
  float ui_scale = 1.0f;

  ImVec2 to_screen(cv::Point2d photo) const;
  cv::Point2d to_photo(ImVec2 screen) const;
  cv::Point2d mouse_photo() const;
};

// Builds the canvas window for this frame (input, overlays). Call after the panels have
// claimed their space (app.view.canvas set).
void canvas_frame(AppState& app);

// Draws the photo and the cached dot layer with GL into the canvas rectangle.
void draw_scene(AppState& app, cv::Size framebuffer);

}  // namespace smp::studio
