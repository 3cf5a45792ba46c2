#include "smp/sim/hair_blend.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace smp::sim {

namespace {

cv::Mat1b binary_at(const cv::Mat1b& mask, cv::Size size) {
  cv::Mat1b out;
  if (mask.size() == size) out = mask.clone();
  else cv::resize(mask, out, size, 0, 0, cv::INTER_LINEAR);
  cv::threshold(out, out, 127, 255, cv::THRESH_BINARY);
  return out;
}

// Distance in mm from every pixel to the nearest pixel set in `mask` (0 inside it).
cv::Mat1f distance_to_mm(const cv::Mat1b& mask, double px_per_mm) {
  cv::Mat1b outside;
  cv::bitwise_not(mask, outside);
  cv::Mat1f d;
  cv::distanceTransform(outside, d, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  d *= 1.0 / std::max(px_per_mm, 1e-6);
  return d;
}

float fade(float d_mm, float width_mm) {
  const float x = std::clamp(d_mm / width_mm, 0.0f, 1.0f);
  return 1.0f - x * x * (3.0f - 2.0f * x);
}

}  // namespace

cv::Mat1f hair_blend_density(const Plan& plan, const cv::Mat1b& treat, double px_per_mm_at_mask) {
  const HairBlend& hb = plan.params.hair_blend;
  if (plan.masks.hair.empty() || hb.blend_mm <= 0 || hb.density_fraction <= 0 || cv::countNonZero(treat) == 0) return {};
  const cv::Mat1b hair = binary_at(plan.masks.hair, treat.size());
  const cv::Mat1f d = distance_to_mm(treat, px_per_mm_at_mask);
  cv::Mat1f out(treat.size(), 0.0f);
  const float w = static_cast<float>(hb.blend_mm), frac = static_cast<float>(hb.density_fraction);
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x)
      if (hair(y, x) && !treat(y, x)) out(y, x) = frac * fade(d(y, x), w);
  return out;
}

cv::Mat1f hair_shade_weight(const Plan& plan, cv::Size size) {
  const HairBlend& hb = plan.params.hair_blend;
  if (plan.masks.hair.empty() || !plan.params.pigment.hair_dilution_pct || hb.blend_mm <= 0 || size.area() == 0 ||
      plan.photo.width <= 0)
    return {};
  const double px_per_mm = plan.calibration.px_per_mm * size.width / static_cast<double>(plan.photo.width);
  const cv::Mat1f d = distance_to_mm(binary_at(plan.masks.hair, size), px_per_mm);
  cv::Mat1f out(size);
  const float w = static_cast<float>(hb.blend_mm);
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x) out(y, x) = fade(d(y, x), w);
  return out;
}

}  // namespace smp::sim
