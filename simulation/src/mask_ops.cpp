#include "smp/sim/mask_ops.hpp"

#include <algorithm>
#include <cmath>

namespace smp::sim {

cv::Mat1b within_reach(const cv::Mat1b& seed, double reach, int distance_mask, double px_scale) {
  cv::Mat1b out = seed.clone();
  if (seed.empty() || !(reach >= 0) || !(px_scale > 0)) return out;
  // The seed's outer edge: pixels beside it. A pixel within reach lies within reach (in
  // pixels) of one of them, so the work is bounded by their box grown by that much.
  const cv::Mat1b edge = without(dilated(seed, 1), seed);
  const cv::Rect box = cv::boundingRect(edge);
  if (box.empty()) return out;  // all or nothing: no edge to reach across
  const double reach_px = std::min(reach / px_scale, static_cast<double>(seed.cols + seed.rows));
  const int grow = static_cast<int>(std::ceil(reach_px)) + 2;
  const cv::Rect roi = cv::Rect(box.x - grow, box.y - grow, box.width + 2 * grow, box.height + 2 * grow) &
                       cv::Rect(0, 0, seed.cols, seed.rows);
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
