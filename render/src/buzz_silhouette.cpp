#include "buzz_silhouette.hpp"

#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

bool soften_silhouette(const cv::Mat1b& uncover, const cv::Mat1b& head_after, const cv::Mat1b& kept, double sigma,
                       cv::Mat1f& clip_weight, cv::Mat1f& background_weight) {
  CV_Assert(uncover.size() == head_after.size() && uncover.size() == clip_weight.size() &&
            uncover.size() == background_weight.size() && (kept.empty() || kept.size() == uncover.size()));
  if (!(sigma > 0) || cv::countNonZero(uncover) == 0 || cv::countNonZero(head_after) == 0) return false;
  // Both sides of the border, within the blur's reach (OpenCV's kernel reaches 4 sigma) of the
  // uncovered area and of the head.
  const int reach = static_cast<int>(std::ceil(4 * sigma));
  const int ksize = 2 * reach + 1;
  cv::Mat1b band = sim::both(sim::dilated(uncover, reach), sim::dilated(head_after, reach));
  if (!kept.empty()) band.setTo(0, kept);
  const cv::Rect box = cv::boundingRect(band);
  if (box.area() == 0) return false;
  // Blurred over the band's box grown by the reach, so the blur reads every pixel it needs.
  const cv::Rect around = cv::Rect(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach) &
                          cv::Rect(cv::Point(0, 0), uncover.size());
  // The share of the background is that of the uncovered area against the head only: what the
  // photo keeps beyond a thin uncovered ring (the wall, an ear) takes no part, or the scalp's
  // weight would reach out past the ring onto the wall.
  cv::Mat1f soft_uncover, soft_head;
  uncover(around).convertTo(soft_uncover, CV_32F, 1.0 / 255);
  head_after(around).convertTo(soft_head, CV_32F, 1.0 / 255);
  cv::GaussianBlur(soft_uncover, soft_uncover, cv::Size(ksize, ksize), sigma, sigma, cv::BORDER_REPLICATE);
  cv::GaussianBlur(soft_head, soft_head, cv::Size(ksize, ksize), sigma, sigma, cv::BORDER_REPLICATE);
  bool changed = false;
  for (int y = box.y; y < box.br().y; ++y)
    for (int x = box.x; x < box.br().x; ++x)
      if (band(y, x)) {
        const float u = soft_uncover(y - around.y, x - around.x), h = soft_head(y - around.y, x - around.x);
        // (Neither side within the blur's reach, at the band's far corners under a wide blur:
        // the weights there are about 0, and all goes to the background.)
        const float s = u + h > 1e-6f ? std::clamp(u / (u + h), 0.0f, 1.0f) : 1.0f;
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
