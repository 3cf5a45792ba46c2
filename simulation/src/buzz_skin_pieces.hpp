#pragma once
// Skin beside the clipped hair that must not go with the hair's volume: ears and a cheek or
// temple under a sideburn stand where the hair's silhouette was, and are skin, not hair.

#include "smp/sim/buzz.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detail {

// Where the ears are: the head's midline (work px) and its half width across it.
struct HeadSides {
  cv::Point2d centre;
  cv::Point2d lateral{1, 0};  // unit, across the head
  double half_width = 1;      // work px
};

// Pieces of `uncover` (the hair volume that gives way to the background) that are the skin's
// colour: at least `skin_piece_min_saturation` of the chroma of `skin_ref` (bare skin next to
// the hair) along its hue, within `skin_piece_hue_spread` of that hue, and between
// `skin_piece_min_luma` and `skin_piece_max_luma` of its median luma; each piece of at least
// `min_skin_piece_mm2`, centred on a side of the head (at least `skin_piece_min_lateral` of its
// half width from the midline: where ears are), with its convex hull, so an ear's shaded
// folds stay with it. All masks at the work size of `img`.
cv::Mat1b skin_pieces(const cv::Mat3b& img, const cv::Mat1b& uncover, const cv::Mat1b& skin_ref, const HeadSides& sides,
                      double work_ppm, const BuzzDecisionParams& p);

}  // namespace smp::sim::detail
