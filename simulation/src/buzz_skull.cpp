// The skull after clipping: where the head's outline runs once the hair's volume is gone.

#include "buzz_skull.hpp"

#include "buzz_mask_steps.hpp"
#include "buzz_sparse_hair.hpp"
#include "detect/head_segment.hpp"
#include "smp/sim/wide_gaussian.hpp"
#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim::detail {

cv::Mat1b skull_after(const cv::Mat1b& head, const cv::Mat1b& clip, const cv::Mat1b& skin, double work_ppm,
                      const BuzzDecisionParams& p) {
  // The hair's volume above the skull: a share of its depth from the outline to the nearest
  // visible skin, at most a cap, averaged along the outline over a wide window. Hair stands
  // about as high all over the top of the head, and a thickness that jumped (thin where skin
  // shows between curls, thick beside it) left dents that the convex hull below bridged with
  // straight edges; but it lies close to the skull where the outline comes down to the face
  // (the temples of a frontal view), and one thickness for the whole outline cut the sides of
  // the head in to a narrow dome over a wider face.
  // Depth from the head's outline, not from the gaps between tufts: a head lit against a bright
  // window comes out of the segmentation in pieces, and the gaps made the whole top one band.
  const cv::Mat1b solid = detect::fill_holes(head);
  cv::Mat1f to_bg, to_skin;
  cv::distanceTransform(solid, to_bg, cv::DIST_L2, 3);
  cv::distanceTransform(inverse(skin), to_skin, cv::DIST_L2, 3);
  const float cap = static_cast<float>(p.max_volume_mm * work_ppm);
  cv::Mat1f depth(head.size(), 0.0f), on_outline(head.size(), 0.0f);
  for (int y = 0; y < head.rows; ++y)
    for (int x = 0; x < head.cols; ++x)
      if (clip(y, x) && to_bg(y, x) <= 1.5f) {
        depth(y, x) = std::min(cap, static_cast<float>(p.volume_share) * to_skin(y, x));
        on_outline(y, x) = 1.0f;
      }
  const double window = p.volume_window_mm * work_ppm;
  depth = wide_gaussian(depth, window, cv::BORDER_CONSTANT);
  on_outline = wide_gaussian(on_outline, window, cv::BORDER_CONSTANT);
  cv::Mat1b band(head.size(), uchar{0});
  for (int y = 0; y < head.rows; ++y)
    for (int x = 0; x < head.cols; ++x)
      if (clip(y, x) && on_outline(y, x) > 1e-6f && to_bg(y, x) < depth(y, x) / on_outline(y, x)) band(y, x) = 255;
  // A skull has no bumps or dents at the scale of hair tufts: open, then close, with a disc.
  cv::Mat1b skull = without(solid, band);
  // (The closing reads the edge pixels again past the photo's edge.)
  const int k = odd_px(2 * p.outline_smooth_mm * work_ppm);
  cv::Mat1b smooth = disc_close(disc_open(skull, k / 2), k / 2, true);
  // A skull is close to an ellipse: fitted to that outline (except where the photo cuts it)
  // and, when it agrees with the smoothed shape, the shape is trimmed to it.
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(smooth.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  std::vector<cv::Point2f> pts;
  for (const auto& c : contours)
    for (const cv::Point& q : c)
      if (q.x > 1 && q.y > 1 && q.x < head.cols - 2 && q.y < head.rows - 2)
        pts.emplace_back(static_cast<float>(q.x), static_cast<float>(q.y));
  if (pts.size() >= 20) {
    const cv::RotatedRect e = cv::fitEllipseDirect(pts);
    cv::Mat1b dome(head.size(), uchar{0});
    if (e.size.width > 0 && e.size.height > 0 && e.size.width < 4.0f * static_cast<float>(head.cols) && e.size.height < 4.0f * static_cast<float>(head.rows))
      cv::ellipse(dome, e, cv::Scalar(255), cv::FILLED);
    const double a_smooth = cv::countNonZero(both(smooth, head));
    const double a_dome = cv::countNonZero(both(dome, head));
    const double a_diff = cv::countNonZero(both(head, either(without(dome, smooth), without(smooth, dome))));
    if (a_smooth > 0 && std::abs(a_dome - a_smooth) < 0.15 * a_smooth && a_diff < 0.25 * a_smooth) smooth = both(smooth, dome);
  }
  // The outline changes where the clipped hair was (what else of the head goes is said at the
  // end). Beside the clipped hair the skull may also cover notches of the hair's silhouette
  // (background seen between tufts): a skull has no dents.
  const cv::Mat1b near_clip = dilated(clip, k / 2);
  const cv::Mat1b reach = either(head, near_clip);
  cv::Mat1b tips(head.size(), uchar{0});  // corners of the convex outline rounded off
  std::vector<std::vector<cv::Point>> outline;
  cv::findContours(smooth.clone(), outline, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  if (!outline.empty()) {
    const auto largest = std::max_element(outline.begin(), outline.end(), [](const auto& a, const auto& b) {
      return cv::contourArea(a) < cv::contourArea(b);
    });
    std::vector<cv::Point> hull;
    cv::convexHull(*largest, hull);
    cv::Mat1b convex(head.size(), uchar{0});
    cv::fillConvexPoly(convex, hull, cv::Scalar(255));
    // The hull bridges the hair's silhouette with straight edges that meet at corners: a head
    // drawn as a polygon. A skull's outline turns gradually: the corners are rounded (the hull
    // blurred and cut at half; straight edges stay, the frame's edge is no corner). The blur
    // also pulls an outline that is already round in by sigma^2 / 2R (R its radius): grown
    // back by that, a round skull keeps its width over the temples and only corners are cut.
    // The tips cut off beside the clipped hair go, with the hair's volume they hold.
    const double round_px = std::max(1.0, p.outline_round_mm * work_ppm);
    cv::Mat1f soft;
    convex.convertTo(soft, CV_32F, 1.0 / 255);
    soft = wide_gaussian(soft, round_px, cv::BORDER_REPLICATE);
    cv::Mat1b rounded;
    cv::compare(soft, 0.5, rounded, cv::CMP_GE);
    const double radius = std::sqrt(cv::countNonZero(convex) / CV_PI);
    rounded = both(dilated(rounded, static_cast<int>(std::lround(round_px * round_px / (2 * std::max(radius, 1.0))))), convex);
    tips = both(without(convex, rounded), near_clip);
    smooth = without(smooth, tips);
    // Only where the clipped hair was: elsewhere (face, ears, neck) the outline is the photo's.
    smooth = either(smooth, both(rounded, reach));
  }
  // The head not clipped keeps its outline where it continues the head inside the skull (the
  // face, the neck); pieces of it lying loose in the hair's volume beyond the skull (the wall
  // or light strands the segmentation called head) go with that volume. Bare skin in a tip
  // stays where it joins the rest (a forehead or temple the rounded outline would cut into).
  const cv::Mat1b kept = without(head, clip);
  const cv::Mat1b new_skull = both(smooth, reach);
  const cv::Mat1b inside = both(kept, new_skull);
  const cv::Mat1b beyond = pieces_touching(without(without(kept, tips), new_skull), dilated(inside, 1), 0.0);
  const cv::Mat1b body = either(new_skull, beyond);
  return either(body, pieces_touching(both(kept, both(tips, skin)), dilated(body, 1), 0.0));
}

}  // namespace smp::sim::detail
