#include "buzz_skin_pieces.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim::detail {

cv::Mat1b skin_pieces(const cv::Mat3b& img, const cv::Mat1b& uncover, const cv::Mat1b& skin_ref, const HeadSides& sides,
                      double work_ppm, const BuzzDecisionParams& p) {
  cv::Mat1b out(img.size(), uchar{0});
  if (cv::countNonZero(uncover) == 0 || cv::countNonZero(skin_ref) < 50) return out;
  cv::Mat3b ycrcb;
  cv::cvtColor(img, ycrcb, cv::COLOR_BGR2YCrCb);
  // The skin's chroma (Cr, Cb about grey) and median luma.
  const cv::Scalar mean = cv::mean(ycrcb, skin_ref);
  const cv::Vec2d chroma(mean[1] - 128, mean[2] - 128);
  const double saturation = std::hypot(chroma[0], chroma[1]);
  if (saturation < 1) return out;  // grey skin reference: no hue to tell skin by
  const cv::Vec2d along = chroma / saturation, across(-along[1], along[0]);
  std::vector<uchar> lumas;
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      if (skin_ref(y, x)) lumas.push_back(ycrcb(y, x)[0]);
  std::nth_element(lumas.begin(), lumas.begin() + static_cast<std::ptrdiff_t>(lumas.size() / 2), lumas.end());
  const double median_y = lumas[lumas.size() / 2];

  // Skin keeps its hue and its saturation in shade; hair of any colour but red is less
  // saturated than the skin beside it, and a wall or a shadow is grey.
  cv::Mat1b skin_like(img.size(), uchar{0});
  const double min_along = p.skin_piece_min_saturation * saturation;
  const double max_across = std::max(4.0, p.skin_piece_hue_spread * saturation);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      if (!uncover(y, x)) continue;
      const cv::Vec3b v = ycrcb(y, x);
      if (v[0] < p.skin_piece_min_luma * median_y || v[0] > p.skin_piece_max_luma * median_y) continue;
      const cv::Vec2d c(v[1] - 128.0, v[2] - 128.0);
      if (c.dot(along) >= min_along && std::abs(c.dot(across)) <= max_across) skin_like(y, x) = 255;
    }
  // Pieces big enough to be an ear and on a side of the head (skin-coloured pieces at its top
  // are scalp glimpsed through the hair's volume), each with its hull: an ear's shaded folds
  // and rim lie inside it.
  std::vector<std::vector<cv::Point>> pieces;
  cv::findContours(skin_like, pieces, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const double min_area = p.min_skin_piece_mm2 * work_ppm * work_ppm;
  for (const auto& piece : pieces) {
    const cv::Moments m = cv::moments(piece);
    if (m.m00 < min_area) continue;
    const cv::Point2d at(m.m10 / m.m00, m.m01 / m.m00);
    if (std::abs((at - sides.centre).dot(sides.lateral)) < p.skin_piece_min_lateral * sides.half_width) continue;
    std::vector<cv::Point> hull;
    cv::convexHull(piece, hull);
    cv::fillConvexPoly(out, hull, cv::Scalar(255));
  }
  out &= uncover;
  return out;
}

}  // namespace smp::sim::detail
