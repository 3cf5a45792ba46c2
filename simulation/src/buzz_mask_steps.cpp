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

cv::Mat1b pieces_bordered_by(const cv::Mat1b& mask, const cv::Mat1b& by, double min_share) {
  cv::Mat labels;
  const int n = cv::connectedComponents(mask, labels, 8, CV_32S);
  if (n <= 1) return cv::Mat1b(mask.size(), uchar{0});
  // Each border pixel counted once per piece next to it (3x3 neighbourhood).
  std::vector<double> border(static_cast<std::size_t>(n), 0.0), in_by(static_cast<std::size_t>(n), 0.0);
  std::vector<int> seen;
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      if (mask(y, x)) continue;
      seen.clear();
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int yy = y + dy, xx = x + dx;
          if (yy < 0 || xx < 0 || yy >= mask.rows || xx >= mask.cols) continue;
          const int l = labels.at<int>(yy, xx);
          if (l > 0 && std::find(seen.begin(), seen.end(), l) == seen.end()) seen.push_back(l);
        }
      for (const int l : seen) {
        border[static_cast<std::size_t>(l)] += 1;
        if (by(y, x)) in_by[static_cast<std::size_t>(l)] += 1;
      }
    }
  cv::Mat1b out(mask.size(), uchar{0});
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const auto l = static_cast<std::size_t>(labels.at<int>(y, x));
      if (l > 0 && border[l] > 0 && in_by[l] >= min_share * border[l]) out(y, x) = 255;
    }
  return out;
}

}  // namespace smp::sim::detail
