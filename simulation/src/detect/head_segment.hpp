#pragma once
// Separates the head (skin and hair) from the background on a small copy of the photo,
// with GrabCut seeded by skin colour and by the image border as background.

#include <opencv2/core.hpp>

namespace smp::sim::detect {

struct HeadSegmentParams {
  double border_frac = 0.02;       // border strip taken as sure background
  double side_border_depth = 0.6;  // left/right strips only this far down (bodies touch the bottom)
  double centre_prior = 0.30;      // centred ellipse (semi-axes, fraction of size) marked probably-head
  int grabcut_iterations = 3;
  int grabcut_max_side = 256;      // GrabCut runs on this smaller copy (its cost grows fast with size)
  int hair_luma = 110;             // border pixels darker than this may be hair: not sure background
  double neck_cut_frac = 0.10;     // opening kernel (fraction of head size) that cuts off necks/arms
  double min_area_frac = 0.03;     // smaller heads than this fraction of the image count as none
};

struct HeadSegment {
  cv::Mat1b head;   // 255 on the head, filled, one component; empty when none was found
  cv::Mat1b seeds;  // skin seeds that were trusted (not background-coloured)
};

HeadSegment segment_head(const cv::Mat3b& bgr, const cv::Mat3b& ycrcb, const cv::Mat1b& skin_rule,
                         const HeadSegmentParams& params = {});

// Fills holes of a binary mask (regions not connected to the image border... nor to the outside).
cv::Mat1b fill_holes(const cv::Mat1b& mask);

// The connected component of `mask` with the best overlap-weighted area near `centre`; empty if none.
cv::Mat1b central_component(const cv::Mat1b& mask, cv::Point2d centre, double min_area);

}  // namespace smp::sim::detect
