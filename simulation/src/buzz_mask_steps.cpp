#include "buzz_mask_steps.hpp"

#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim::detail {

cv::Mat1b with_holes_filled(const cv::Mat1b& mask, double max_area, const cv::Mat1b& grey, double max_mean_grey) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(inverse(mask), labels, stats, centroids, 4, CV_32S);
  std::vector<double> grey_sum(static_cast<std::size_t>(n), 0.0);
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) grey_sum[static_cast<std::size_t>(labels.at<int>(y, x))] += grey(y, x);
  std::vector<uchar> fill(static_cast<std::size_t>(n), 0);
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const double area = stats.at<int>(i, cv::CC_STAT_AREA);
    const bool on_border = x == 0 || y == 0 || x + w == mask.cols || y + h == mask.rows;
    const bool dark = grey_sum[static_cast<std::size_t>(i)] / area < max_mean_grey;
    fill[static_cast<std::size_t>(i)] = !on_border && (area <= max_area || dark);
  }
  cv::Mat1b out = mask.clone();
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x)
      if (fill[static_cast<std::size_t>(labels.at<int>(y, x))]) out(y, x) = 255;
  return out;
}

cv::Mat1b beside_the_face(const Plan& plan, cv::Size photo, cv::Size work, double margin_px) {
  if (plan.head.view == ViewKind::Top || work.area() == 0 || photo.area() == 0) return {};
  const std::optional<HairlineEnds> ends = hairline_ends(plan.hairline, plan.head);
  if (!ends) return {};
  const cv::Point2d across = ends->across, front(across.y, -across.x);  // front_dir, of unit length
  const cv::Point2d lo = ends->low, hi = ends->high;
  const double sx = static_cast<double>(photo.width) / work.width, sy = static_cast<double>(photo.height) / work.height;
  cv::Mat1b out(work, uchar{0});
  for (int y = 0; y < work.height; ++y)
    for (int x = 0; x < work.width; ++x) {
      const cv::Point2d q((x + 0.5) * sx, (y + 0.5) * sy);
      const double u = q.dot(across), f = q.dot(front);
      const bool left = u < lo.dot(across) && f > lo.dot(front) + margin_px;
      const bool right = u > hi.dot(across) && f > hi.dot(front) + margin_px;
      if (left || right) out(y, x) = 255;
    }
  return out;
}

cv::Mat1b shaded_skin_rim(const cv::Mat1f& spread, const cv::Mat1b& head, const cv::Mat1b& skin,
                          const cv::Mat1f& to_hair, double work_ppm, const BuzzDecisionParams& p) {
  const float rim = static_cast<float>(std::max(1.0, p.outline_rim_mm * work_ppm));
  const float off_hair = static_cast<float>(p.outline_rim_off_hair_mm * work_ppm);
  const float min_skin = static_cast<float>(p.outline_rim_min_skin_share);
  cv::Mat1f to_background;  // 0 off the head: the rim runs on both sides of the outline
  cv::distanceTransform(head, to_background, cv::DIST_L2, 3);
  cv::Mat1f smoothest;  // the spread of the smoothest 5x5 window holding each pixel
  cv::erode(spread, smoothest, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  // The share of bare skin among the head's pixels in a square of the rim's width around each
  // pixel: a rim of skin, not the edge of a mass of hair.
  cv::Mat1f skin_around, head_around;
  skin.convertTo(skin_around, CV_32F, 1.0 / 255);
  head.convertTo(head_around, CV_32F, 1.0 / 255);
  const int window = 2 * static_cast<int>(rim) + 1;
  cv::blur(skin_around, skin_around, {window, window});
  cv::blur(head_around, head_around, {window, window});
  cv::divide(skin_around, cv::max(head_around, 1e-3), skin_around);
  cv::Mat1b out(head.size(), uchar{0});
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x)
      if (to_background(y, x) <= rim && to_hair(y, x) > off_hair && skin_around(y, x) >= min_skin &&
          smoothest(y, x) < p.min_hair_texture)
        out(y, x) = 255;
  return out;
}

cv::Mat1b busy_pieces(const cv::Mat1f& spread, const cv::Mat1b& bare, const cv::Mat1b& changed,
                      const BuzzDecisionParams& p) {
  cv::Mat1b out(bare.size(), uchar{0});
  // The spread is read inside the bare skin only, for the pieces and the reference alike: a
  // 5x5 window across an edge is busy with the step to what borders it, so a thin piece would
  // be all edge.
  cv::Mat1b inside;
  cv::erode(bare, inside, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  std::vector<float> all;
  for (int y = 0; y < bare.rows; ++y)
    for (int x = 0; x < bare.cols; ++x)
      if (inside(y, x)) all.push_back(spread(y, x));
  if (all.empty()) return out;
  const auto mid = all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2);
  std::nth_element(all.begin(), mid, all.end());
  const double busy = p.busy_piece_spread * std::max(*mid, 0.5f);  // half a level: the noise of a clean photo
  const cv::Mat1b bordered = pieces_bordered_by(bare, changed, p.piece_min_border_share);
  cv::Mat labels;
  const int n = cv::connectedComponents(bordered, labels, 8, CV_32S);
  std::vector<double> sum(static_cast<std::size_t>(n), 0.0), count(static_cast<std::size_t>(n), 0.0);
  for (int y = 0; y < bare.rows; ++y)
    for (int x = 0; x < bare.cols; ++x)
      if (inside(y, x)) {
        const auto l = static_cast<std::size_t>(labels.at<int>(y, x));
        sum[l] += spread(y, x);
        count[l] += 1;
      }
  for (int y = 0; y < bare.rows; ++y)
    for (int x = 0; x < bare.cols; ++x) {
      const auto l = static_cast<std::size_t>(labels.at<int>(y, x));
      if (l > 0 && count[l] > 0 && sum[l] >= busy * count[l]) out(y, x) = 255;
    }
  return out;
}

}  // namespace smp::sim::detail
