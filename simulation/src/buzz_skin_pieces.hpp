#pragma once
// Skin beside the clipped hair that must not go with the hair's volume: ears and a cheek or
// temple under a sideburn stand where the hair's silhouette was, and are skin, not hair.

#include "smp/sim/buzz.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detail {

// Pieces of `uncover` (the hair volume that gives way to the background) that are the skin's
// colour: at least `skin_piece_min_saturation` of the chroma of `skin_ref` (bare skin next to
// the hair) along its hue, within `skin_piece_hue_spread` of that hue, and between
// `skin_piece_min_luma` and `skin_piece_max_luma` of its median luma; each piece of at least
// `min_skin_piece_mm2` with its convex hull, so an ear's shaded folds stay with it. All masks
// at the work size of `img`.
cv::Mat1b skin_pieces(const cv::Mat3b& img, const cv::Mat1b& uncover, const cv::Mat1b& skin_ref, double work_ppm,
                      const BuzzDecisionParams& p);

}  // namespace smp::sim::detail
