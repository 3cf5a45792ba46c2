#include "smp/sim/mask_ops.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim {

cv::Rect edge_box(const cv::Mat1b& mask, int grow) {
  if (mask.empty()) return {};
  cv::Mat1b shrunk;
  cv::erode(mask, shrunk, cv::Mat());
  const cv::Rect box = cv::boundingRect(without(dilated(mask, 1), shrunk));
  if (box.empty()) return {};
  return cv::Rect(box.x - grow, box.y - grow, box.width + 2 * grow, box.height + 2 * grow) &
         cv::Rect(0, 0, mask.cols, mask.rows);
}

cv::Mat1b within_reach(const cv::Mat1b& seed, double reach, int distance_mask, double px_scale) {
  cv::Mat1b out = seed.clone();
  if (seed.empty() || !(reach >= 0) || !(px_scale > 0)) return out;
  // A pixel within reach lies within reach (in pixels) of the seed's edge, so the work is
  // bounded by the edge's box grown by that much.
  const double reach_px = std::min(reach / px_scale, static_cast<double>(seed.cols + seed.rows));
  const cv::Rect roi = edge_box(seed, static_cast<int>(std::ceil(reach_px)) + 2);
  if (roi.empty()) return out;  // all or nothing: no edge to reach across
  cv::Mat1f distance;
  cv::distanceTransform(inverse(seed(roi)), distance, cv::DIST_L2, distance_mask);
  distance *= px_scale;
  cv::Mat1b near;
  cv::compare(distance, reach, near, cv::CMP_LE);
  cv::Mat1b target = out(roi);
  cv::bitwise_or(target, near, target);
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

}  // namespace smp::sim
