#pragma once
// Blending into the client's remaining hair: where hair borders the treatment area, the
// work continues into the hair with fading density, and the shade moves toward the shade
// that matches the hair, so there is no line where SMP stops and hair begins.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::sim {

// Density fraction (0-1) for pixels of the hair mask outside the treatment area: the plan's
// hair density fraction at the treatment edge, fading to 0 over blend_mm into the hair.
// `treat` is the binary treatment mask; the result has its size (empty when no hair mask).
cv::Mat1f hair_blend_density(const Plan& plan, const cv::Mat1b& treat, double px_per_mm_at_mask);

// Weight (0-1) of the hair-matched shade: 1 in the hair, fading to 0 over blend_mm into the
// bare scalp. At `size`, which covers the photo (empty when no hair mask or no hair shade).
cv::Mat1f hair_shade_weight(const Plan& plan, cv::Size size);

}  // namespace smp::sim
