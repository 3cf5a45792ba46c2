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
// folds stay with it. A piece that reaches `beyond` (the photo past the head and its hair, when
// given) needs only `min_outer_skin_piece_mm2`: skin seen past the hair's volume is an ear's
// rim half hidden by the hair, while scalp glimpsed between strands is enclosed by them. All
// masks at the work size of `img`.
cv::Mat1b skin_pieces(const cv::Mat3b& img, const cv::Mat1b& uncover, const cv::Mat1b& skin_ref, const HeadSides& sides,
                      double work_ppm, const BuzzDecisionParams& p, const cv::Mat1b& beyond = {});

// Kept skin joined to the head: each piece of `kept` (an ear) sends rays from its pixels
// toward the head's midline (along `sides.lateral`), at most `reach` px; the rays that meet
// the head's outline `head_after` across `uncover` mark the bridge, the side of the head the
// ear stands against once the hair is clipped. A piece none of whose rays meets the head
// within reach is left out of `kept` (it goes with the hair's volume): an ear is never drawn
// apart from the head.
struct JoinedSkin {
  cv::Mat1b kept;    // the pieces of `kept` that were joined
  cv::Mat1b bridge;  // pixels of `uncover` that join them
};
JoinedSkin join_kept_skin(const cv::Mat1b& head_after, const cv::Mat1b& kept, const cv::Mat1b& uncover,
                          const HeadSides& sides, int reach);

// join_kept_skin on the regions' kept skin (`volume`: the hair's volume it was kept from,
// where a piece left out goes back), reaching `max_volume_mm` (the thickest volume the
// skull's outline takes off); then the side of the head widened to each joined ear: the
// convex outline of the skull and the ears where the ears take it past the skull's own
// (with the slivers within `ear_join_sliver_mm` of that), clipped like the rest. Elsewhere
// the skull's outline stands as it was.
void join_ears_to_head(BuzzRegions& r, const cv::Mat1b& volume, const HeadSides& sides, double work_ppm,
                       const BuzzDecisionParams& p);

}  // namespace smp::sim::detail
