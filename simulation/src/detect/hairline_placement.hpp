#pragma once
// Default hairline for an automatic plan, placed from the head frame with the hairline
// rules of hair-restoration practice (hairline design).

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <vector>

namespace smp::sim::detect {

struct HairlineRules {
  double mid_frontal_above_glabella_mm = 80.0;  // Garg's 8-8-8 default (7 young .. 10 mature)
  double glabella_above_eyes_mm = 10.0;         // glabella sits a little above the eye line
  double forehead_foreshortening = 0.85;        // the sloping forehead looks shorter from the front
  // Frontal view: the hairline's points from this far out (half head widths) stay at or above
  // the client's own temple hair, found in a band of columns this wide (half head widths).
  double front_temple_from = 0.5;
  double front_temple_band = 0.05;
  // Top view: the mid-frontal point as a fraction of the head's front semi-axis from the
  // centre (the forehead bulge seen from above lies ahead of the hairline).
  double top_mid_frontal = 0.70;
  // When the photo cuts the front of the head off, the fitted ellipse overshoots: keep the
  // mid-frontal point within this fraction of the visible head length, from the back (what
  // is seen of a bowed head ends at the brows or the face, a forehead ahead of the hairline).
  double top_visible_limit = 0.67;
  // The photo cuts the front off also when the head itself runs out of the photo ahead of
  // its outline's front end, over this share of the middle of that end (the ellipse may end
  // just inside the frame): looked for from top_cut_from to top_cut_to front semi-axes, within
  // top_cut_band lateral semi-axes of the midline.
  double top_cut_min_share = 0.8;
  double top_cut_from = 0.8, top_cut_to = 1.6, top_cut_band = 0.6;
  // Top view with the brows in the photo: the forehead between them and the mid-frontal
  // point, seen from above, is at least this share of its length (a pure top view of a
  // round head shows about 0.4 of it; a view tilted toward the face shows more).
  double top_forehead_foreshortening = 0.4;
};

// Half-curve control points in photo pixels, first on the midline; empty when the front of
// the head is not in the photo (crown-only views).
std::vector<cv::Point2d> default_hairline(const ScalpDetection& det, const HeadFrame& frame, double px_per_mm,
                                          cv::Size photo, const HairlineRules& rules = {});

}  // namespace smp::sim::detect
