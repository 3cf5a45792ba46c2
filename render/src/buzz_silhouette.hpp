#pragma once
// The buzz preview's new silhouette: where the background drawn behind the removed hair meets
// the head that stays, the edge is as soft as the photo's own edges.

#include <opencv2/core.hpp>

namespace smp::render::detail {

// `clip_weight` and `background_weight`: the weights of the clipped scalp and of the background
// fill at the work size (their regions with the feather). Within reach of the border between
// `uncover` (255: the background drawn anew) and `head_after` (the head's silhouette after
// clipping), their sum is shared out again in the proportions of `uncover` and `head_after`,
// each blurred by `sigma` (work px; wider than the feather): a binary outline shows its pixel
// steps, and the photo's own silhouettes are blurred by its optics. What the photo keeps (one
// minus the sum) stays, so nothing of the removed hair shows through the soft edge. Pixels of
// `kept` (skin kept as photographed, such as ears; may be empty) are left alone. Returns
// whether anything changed.
bool soften_silhouette(const cv::Mat1b& uncover, const cv::Mat1b& head_after, const cv::Mat1b& kept, double sigma,
                       cv::Mat1f& clip_weight, cv::Mat1f& background_weight);

}  // namespace smp::render::detail
