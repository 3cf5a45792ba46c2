#include "buzz_mask_steps.hpp"

#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
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

cv::Mat1b pieces_touching(const cv::Mat1b& mask, const cv::Mat1b& seed, double min_share) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<char> keep(static_cast<std::size_t>(n), 0);
  int largest = 0;
  for (int i = 1; i < n; ++i) largest = std::max(largest, stats.at<int>(i, cv::CC_STAT_AREA));
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x)
      if (seed(y, x)) keep[static_cast<std::size_t>(labels.at<int>(y, x))] = 1;
  cv::Mat1b out(mask.size(), uchar{0});
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const int l = labels.at<int>(y, x);
      if (l > 0 && keep[static_cast<std::size_t>(l)] && stats.at<int>(l, cv::CC_STAT_AREA) >= min_share * largest)
        out(y, x) = 255;
    }
  return out;
}

}  // namespace smp::sim::detail
