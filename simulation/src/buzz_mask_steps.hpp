#pragma once
// Mask steps of the buzz decision: the pieces of the hair that count, and the holes inside the
// clipped hair that go with it.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detail {

// `mask` with the holes it fully encloses (pieces of its complement off the image border)
// filled when they hold at most `max_area` px or their mean of `grey` is below `max_mean_grey`.
cv::Mat1b with_holes_filled(const cv::Mat1b& mask, double max_area, const cv::Mat1b& grey, double max_mean_grey);

// Frontal views: the sides of the face, pixels of a `work` field beside the hairline's span
// (across the head, beyond its end on that side) and more than `margin_px` (photo px) further
// toward the face than that end: the temples below the hair, the ears, the sideburns. The
// line's extended ends bend down and leave them behind it. Empty for top views and without a
// hairline.
cv::Mat1b beside_the_face(const Plan& plan, cv::Size photo, cv::Size work, double margin_px);

}  // namespace smp::sim::detail
