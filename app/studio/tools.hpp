#pragma once
// The canvas tools: each draws its overlay and handles the mouse in photo coordinates.

#include "canvas.hpp"

namespace smp::studio {

void hairline_tool(AppState& app, const CanvasContext& ctx, bool interactive);
void mask_overlay(AppState& app, const CanvasContext& ctx);
void mask_tool(AppState& app, const CanvasContext& ctx);
void calibration_tool(AppState& app, const CanvasContext& ctx);
void eyedropper_tool(AppState& app, const CanvasContext& ctx);

// Uploads the mask overlay texture when the masks changed (main thread, GL).
void update_mask_overlay(AppState& app);

}  // namespace smp::studio
