#pragma once
// Eyebrows at one end of a top view: the face is that way. Seen from above and in front, the
// brows are two dark bars side by side, lying across the head's axis, with the head's skin
// going on beyond them (forehead above, eyes and face below). A fringe of hair at the back
// or sides differs: it is one band hugging the outline, with nothing of the head beyond it.
// A bowed head's photo may end just past its brows: the skin beyond them is judged on the part
// the photo shows, which must be a fair share of it (hair cut off by the photo's edge has no
// head shown beyond it either).

#include <opencv2/core.hpp>

#include <optional>

namespace smp::sim::detect {

struct BrowParams {
  double min_area_frac = 0.004;  // one brow (5 x 1 cm, widened by the hair mask): this share of the head at least...
  double max_area_frac = 0.04;   // ...and at most
  double min_u = 0.30;           // along the axis, in front semi-axes from the centre, at least...
  double max_u = 1.05;           // ...and at most
  double min_side = 0.25;        // its centre off the midline, in lateral semi-axes, at least...
  double max_side = 0.80;        // ...and at most
  double min_elongation = 1.6;   // spread across the axis over spread along it (pixels)
  double beyond = 0.10;          // the head's skin continues this far past a brow (front semi-axes)...
  double min_skin_beyond = 0.7;  // ...over this share of the part of that patch inside the photo...
  double min_shown_beyond = 0.4; // ...which is at least this share of the patch
  double max_u_gap = 0.20;       // the two brows at about the same height...
  double max_asymmetry = 0.35;   // ...and mirror places across the midline (lateral semi-axes)
  double max_area_ratio = 4.0;   // and of comparable size
  double rim = 0.08;             // hair this close to the outline is left out (lateral semi-axes)
};

// Where a pair of brows lies toward `dir` from the centre of `ellipse`: the pair's mean position
// along `dir` in front semi-axes of the ellipse (about 0.3-1.05); none when there is no pair.
// `head` and `hair` share the detection size; hair inside the head is what is searched.
std::optional<double> brows_toward(const cv::Mat1b& head, const cv::Mat1b& hair, const cv::RotatedRect& ellipse, cv::Point2d dir,
                  const BrowParams& params = {});

}  // namespace smp::sim::detect
