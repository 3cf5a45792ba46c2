#pragma once
// Mask steps of the buzz decision: the pieces of the hair that count, and the holes inside the
// clipped hair that go with it.

#include <opencv2/core.hpp>

namespace smp::sim::detail {

// Pieces of `mask` that touch `seed`, dropping pieces smaller than `min_share` of the largest.
cv::Mat1b pieces_touching(const cv::Mat1b& mask, const cv::Mat1b& seed, double min_share);

// `mask` with the holes it fully encloses (pieces of its complement off the image border)
// filled when they hold at most `max_area` px or their mean of `grey` is below `max_mean_grey`.
cv::Mat1b with_holes_filled(const cv::Mat1b& mask, double max_area, const cv::Mat1b& grey, double max_mean_grey);

}  // namespace smp::sim::detail
