#pragma once
// The buzz preview's new silhouette: where the background drawn behind the removed hair meets
// the head that stays, the edge is as soft as the photo's own edges.

#include <opencv2/core.hpp>

namespace smp::render::detail {

// `weight`: the background fill's weight at the work size (the uncovered area with its feather).
// Within reach of the border between `uncover` (255: the background drawn anew) and
// `head_after` (the head's silhouette after clipping) it becomes `uncover` blurred by `sigma`
// (work px), where that is wider than what `weight` holds: a binary outline shows its pixel
// steps, and the photo's own silhouettes are blurred by its optics. Pixels of `kept` (skin
// kept as photographed, such as ears; may be empty) keep their weight. Returns whether
// anything changed.
bool soften_silhouette(const cv::Mat1b& uncover, const cv::Mat1b& head_after, const cv::Mat1b& kept, double sigma,
                       cv::Mat1f& weight);

}  // namespace smp::render::detail
