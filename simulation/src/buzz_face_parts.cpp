#include "buzz_face_parts.hpp"

#include "smp/sim/hairline_curve.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace smp::sim::detail {

cv::Mat1b without_pieces_inside(const cv::Mat1b& hair, const cv::Mat1b& zone) {
  if (zone.empty() || cv::countNonZero(zone) == 0) return hair;
  cv::Mat1i labels;
  const int n = cv::connectedComponents(hair, labels, 8, CV_32S);
  std::vector<char> outside(static_cast<std::size_t>(n), 0);
  for (int y = 0; y < hair.rows; ++y)
    for (int x = 0; x < hair.cols; ++x)
      if (!zone(y, x)) outside[static_cast<std::size_t>(labels(y, x))] = 1;
  cv::Mat1b out = hair.clone();
  for (int y = 0; y < hair.rows; ++y)
    for (int x = 0; x < hair.cols; ++x)
      if (!outside[static_cast<std::size_t>(labels(y, x))]) out(y, x) = 0;
  return out;
}

cv::Mat1b clear_ahead_of_hairline(const Plan& plan, cv::Size photo, cv::Size work, double margin_mm) {
  if (!plan.hairline.enabled()) return {};
  const cv::Mat1b in_front = hairline_front_mask(plan.hairline, plan.head, photo, work);
  if (in_front.empty()) return {};
  cv::Mat1f to_line;  // work px to the nearest pixel behind the line
  cv::distanceTransform(in_front, to_line, cv::DIST_L2, 3);
  cv::Mat1b out;
  cv::compare(to_line, margin_mm * plan.calibration.px_per_mm * work.width / std::max(photo.width, 1), out, cv::CMP_GT);
  return out;
}

}  // namespace smp::sim::detail
