#pragma once
// The label of a state ("Before", "After 3 sessions, healed - simulated") on an export's panel.

#include <opencv2/core.hpp>

#include <string>

namespace smp::render::detail {

// Draws `label` on a dark translucent plate at the top of `panel`, in its left `room_px`
// columns (or its right ones when `right`), always wholly inside them: shrunk to fit, down to
// 0.7 of `cap_px` (capital height, px), then set on two lines and shrunk as needed; left out
// when even that would make its capitals under 5 px (an unreadable smear). `colour`: BGR.
void draw_panel_label(cv::Mat3b& panel, const std::string& label, double cap_px, const cv::Scalar& colour, bool right,
                      int room_px);

}  // namespace smp::render::detail
