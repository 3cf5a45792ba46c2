#pragma once
// The shade eyedropper: the technician drags a rectangle (or clicks) on a region of the photo
// (the client's own stubble or remaining hair) and the plan's shade is set to match it.
// The matching itself is render::eyedropper_dilution; this only turns the gesture into a
// photo region. Window-free.

#include "smp/render/appearance.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::studio {

// A click picks a square this wide on the scalp.
inline constexpr double kEyedropperClickMm = 3.0;

// The photo region between two photo points (a drag), clipped to the photo; a drag smaller
// than `min_drag_px` photo px either way is a click: a kEyedropperClickMm square around `a`.
// Empty when the region lies outside the photo.
cv::Rect eyedropper_region(cv::Point2d a, cv::Point2d b, double px_per_mm, cv::Size photo, double min_drag_px);

// The session-1 dilution (%) that matches `region` of `photo` for `plan`, rounded to whole
// percent and kept within the shade parameter's range.
double eyedropper_shade(const cv::Mat3b& photo, cv::Rect region, const sim::Plan& plan,
                        const render::AppearanceParams& appearance);

}  // namespace smp::studio
