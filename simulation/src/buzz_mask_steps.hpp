#pragma once
// Mask steps of the buzz decision: the pieces of the hair that count, and the holes inside the
// clipped hair that go with it.

#include "smp/sim/buzz.hpp"
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

// The shaded rim of bare skin along the head's outline, which is no wisp of the hair though it is
// dark and its windows are busy (every window straddling the step to the background is): pixels
// within outline_rim_mm of the outline (either side), farther than outline_rim_off_hair_mm from the
// hair (`to_hair`, px), where `skin` (the bare scalp the detection found) is at least
// outline_rim_min_skin_share of the `head` around, and that have a smooth 5x5 window (`spread`:
// local 5x5 luma spread, levels, below min_hair_texture). `work_ppm`: px per mm.
cv::Mat1b shaded_skin_rim(const cv::Mat1f& spread, const cv::Mat1b& head, const cv::Mat1b& skin,
                          const cv::Mat1f& to_hair, double work_ppm, const BuzzDecisionParams& p);

// Pieces of `bare` (the head's bare skin) mostly bordered by `changed` (at least
// piece_min_border_share of their border) whose mean local luma spread (`spread`, 5x5) is at
// least busy_piece_spread times the median spread over all of `bare` (at least half a level),
// both read at least 2 px inside `bare`: strands, not skin. Pieces too thin to read are not.
cv::Mat1b busy_pieces(const cv::Mat1f& spread, const cv::Mat1b& bare, const cv::Mat1b& changed,
                      const BuzzDecisionParams& p);

}  // namespace smp::sim::detail
