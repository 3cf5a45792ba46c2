#pragma once
// Painting on an 8-bit mask with a round brush (pure, tested without a window).

#include <opencv2/core.hpp>

namespace smp::studio {

struct BrushStamp {
  double radius_px = 10;   // mask pixels
  double hardness = 0.6;   // fraction of the radius painted at full strength
  bool erase = false;
};

// Paints one stamp at `centre` (mask px); returns the changed rectangle.
cv::Rect stamp(cv::Mat1b& mask, cv::Point2d centre, const BrushStamp& brush);

// Paints stamps along the segment from `a` to `b` (a quarter radius apart), not at `a`.
cv::Rect stroke(cv::Mat1b& mask, cv::Point2d a, cv::Point2d b, const BrushStamp& brush);

// The BGRA overlay of the three masks (treatment green, scar orange, exclusion red) for
// `region` of an overlay of `size`; masks of other sizes are resampled. Over `off_head` (a
// buzzed photo's background where the hair's volume was, any size; empty: none) the treatment
// and scar are not tinted: no dots go there, and none are counted.
cv::Mat4b mask_overlay_image(const cv::Mat1b& treatment, const cv::Mat1b& scar, const cv::Mat1b& exclusion,
                             cv::Size size, const cv::Mat1b& off_head = {});

}  // namespace smp::studio
