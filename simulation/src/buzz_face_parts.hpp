#pragma once
// What of the face the buzz-cut preview leaves as photographed: hair lying wholly in front of
// the hairline (brows, a beard) is the face's, not the scalp's.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detail {

// Pieces of `hair` lying wholly inside `zone` left out (none when the zone is empty).
cv::Mat1b without_pieces_inside(const cv::Mat1b& hair, const cv::Mat1b& zone);

// Pixels of a `work` field more than `margin_mm` in front of the plan's hairline (toward the
// face): hair lying wholly there is the face's (brows, a beard), not the scalp's. Empty
// without a hairline.
cv::Mat1b clear_ahead_of_hairline(const Plan& plan, cv::Size photo, cv::Size work, double margin_mm);

}  // namespace smp::sim::detail
