#pragma once
// The skull after clipping: where the head's outline runs once the hair's volume is gone.

#include "smp/sim/buzz.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detail {

// The head after clipping (work size). Hair volume beyond the skull is the outer band of the
// clipped hair `clip`, as thick as a share of the hair's depth from the head's outline to the
// nearest visible `skin`; the skull's outline where the hair was is smooth, convex and rounded.
// The rest of `head` keeps its outline where it continues the head inside the skull; pieces of
// it loose in the hair's volume beyond the skull go with that volume.
cv::Mat1b skull_after(const cv::Mat1b& head, const cv::Mat1b& clip, const cv::Mat1b& skin, double work_ppm,
                      const BuzzDecisionParams& p);

}  // namespace smp::sim::detail
