#include "smp/sim/mask_ops.hpp"

#include <algorithm>
#include <cmath>

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

}  // namespace smp::sim
