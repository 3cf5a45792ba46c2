#include "buzz_silhouette.hpp"

#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

bool soften_silhouette(const cv::Mat1b& uncover, const cv::Mat1b& head_after, const cv::Mat1b& kept, double sigma,
                       cv::Mat1f& clip_weight, cv::Mat1f& background_weight) {
  CV_Assert(uncover.size() == head_after.size() && uncover.size() == clip_weight.size() &&
            uncover.size() == background_weight.size());
  if (!(sigma > 0) || cv::countNonZero(uncover) == 0 || cv::countNonZero(head_after) == 0) return false;
  // Both sides of the border: within the blur's reach of the uncovered area and of the head.
  const int reach = static_cast<int>(std::ceil(3 * sigma));
  cv::Mat1b band = sim::both(sim::dilated(uncover, reach), sim::dilated(head_after, reach));
  if (!kept.empty()) band.setTo(0, kept);
  const cv::Rect box = cv::boundingRect(band);
  if (box.area() == 0) return false;
  // Blurred over the band's box grown by the reach, so the blur reads every pixel it needs.
  const cv::Rect around = cv::Rect(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach) &
                          cv::Rect(cv::Point(0, 0), uncover.size());
  cv::Mat1f soft;
  uncover(around).convertTo(soft, CV_32F, 1.0 / 255);
  cv::GaussianBlur(soft, soft, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  bool changed = false;
  for (int y = box.y; y < box.br().y; ++y)
    for (int x = box.x; x < box.br().x; ++x)
      if (band(y, x)) {
        const float s = soft(y - around.y, x - around.x);
        float& c = clip_weight(y, x);
        float& b = background_weight(y, x);
        const float sum = c + b, new_b = sum * s;
        changed |= new_b != b;
        b = new_b;
        c = sum - new_b;
      }
  return changed;
}

}  // namespace smp::render::detail
