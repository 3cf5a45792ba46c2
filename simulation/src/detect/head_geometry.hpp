#pragma once
// Geometry of the segmented head on the detection downscale: outline ellipse, which way the
// face is, and the head's breadth.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <optional>
#include <string>

namespace smp::sim::detect {

// Ellipse fitted to the head's outline, ignoring outline points that lie on the image border
// (where the photo cut the head off). Falls back to the mask's moment ellipse when the fit is
// implausible. nullopt when the mask is empty.
std::optional<cv::RotatedRect> fit_head_ellipse(const cv::Mat1b& head);

// Semi-axis lengths of `e` along its own axes: first along `dir`, second across it.
cv::Vec2d semi_axes_along(const cv::RotatedRect& e, cv::Point2d dir);

struct FrontCues {
  double view_front_max_skin = 0.72;  // frontal: skin covers less than this of the midline
  double fringe_weight = 1.0;         // hair in the rim of one end (the fringe): that end is the back
  double fringe_depth = 0.25;         // the rim: this deep (semi-axes) inside the ellipse and the outline
  double cap_weight = 0.5;            // less hair over the whole end of the head: front
  double face_weight = 0.6;           // skin just outside an end (forehead, nose, ears): front
  double brow_weight = 1.5;           // a pair of eyebrows toward an end (brow_cue): front
  double light_weight = 0.1;          // brighter end (lit forehead vs shaded stubble/hair): front
  double open_weight = 0.4;           // the bare scalp runs out of the photo at that end: front
  // The skull seen from above is an egg, broadest behind its middle (the parietal bones) and
  // narrower toward the forehead: the head's breadth half way toward each end. No evidence
  // where the photo's border cuts either breadth line; a border cutting an end off is left to
  // the "open" cue. When the outline is taken from the photo's edges, its ellipse fits the head
  // closely, so both breadths come out similar and the cue is small.
  double breadth_weight = 1.0;        // per width of the ellipse (2 b) that the other end is broader
  double breadth_at = 0.5;            // where the breadths are compared, semi-axes from the centre
  double breadth_cap = 0.1;           // at most this (widths): a neck or shoulder in the blob adds more
  double down_prior = 0.07;           // photos are usually taken with the face toward the bottom (breaks near ties; no confidence)
  double min_elongation = 1.08;       // major/minor above this: the major axis is a candidate too
  double long_axis_weight = 0.15;     // skulls are longer front to back: bonus along the long axis
  double full_elongation = 1.25;      // elongation at which that bonus is full
  double sure_margin = 0.25;          // margin, by the photo's own cues, over every other direction that counts as sure
};

struct Orientation {
  ViewKind view = ViewKind::Top;
  cv::Point2d front_dir{0, 1};
  double confidence = 1.0;  // 0-1: how clearly the cues agree on front_dir
  std::optional<double> brow_u;  // top views: brows toward front_dir, in front semi-axes of the ellipse from its centre
  bool face_below_crown = false; // top view of a bowed head whose face was found: the forehead is seen face-on
  std::string why;          // the cues, for the note
};

// `face` is a detected frontal face (empty rect when none); `face_eyes` whether an eye shows in
// its upper half (none: not looked for). Skin and hair are inside `head`. `photo_head`: the head
// as segmented in the photo, whose edge is its outline against what is behind it, when `head`
// was cut down to a tighter outline since (empty: `head`).
Orientation orient_head(const cv::Mat1b& head, const cv::Mat1b& skin, const cv::Mat1b& hair,
                        const cv::Mat1b& skin_rule, const cv::Mat1b& luma, const cv::RotatedRect& ellipse, const cv::Rect& face,
                        std::optional<bool> face_eyes, const FrontCues& cues = {}, const cv::Mat1b& photo_head = {});

// Extent of `mask` across `lateral` (2nd to 98th percentile of the projection), pixels.
double extent_along(const cv::Mat1b& mask, cv::Point2d lateral);

}  // namespace smp::sim::detect
