#include "smp/render/look_metrics.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

namespace {

cv::Mat1f luma(const cv::Mat3b& img) {
  cv::Mat1f out;
  cv::Mat3f f;
  img.convertTo(f, CV_32F);
  cv::transform(f, out, cv::Matx13f(0.114f, 0.587f, 0.299f));
  return out;
}

}  // namespace

cv::Mat1b treatment_without(const sim::Plan& plan, std::initializer_list<const cv::Mat1b*> off, int above) {
  cv::Mat1b m = plan.masks.treatment.clone();
  for (const cv::Mat1b* mask : off) {
    if (mask->empty() || m.empty()) continue;
    cv::Mat1b o;
    cv::resize(*mask, o, m.size(), 0, 0, cv::INTER_NEAREST);
    cv::threshold(o, o, above, 255, cv::THRESH_BINARY);
    m.setTo(0, o);
  }
  return m;
}

cv::Mat1b bare_treated(const sim::Plan& plan) {
  return treatment_without(plan, {&plan.masks.hair, &plan.masks.exclusion, &plan.masks.occlusion}, 127);
}

ArmLengthDarkening arm_length_darkening(const cv::Mat3b& before, const cv::Mat3b& after, const cv::Mat1b& mask,
                                        const ArmLengthParams& params) {
  CV_Assert(before.size() == after.size());
  ArmLengthDarkening r;
  if (before.empty()) return r;
  cv::Mat1b m;
  if (mask.empty())
    m = cv::Mat1b(before.size(), 255);
  else
    cv::resize(mask, m, before.size(), 0, 0, cv::INTER_NEAREST);
  // Integral images make every patch O(1).
  cv::Mat1d lb, la, in;
  cv::integral(luma(before), lb, CV_64F);
  cv::integral(luma(after), la, CV_64F);
  cv::Mat1f on_f;
  cv::threshold(m, m, 127, 255, cv::THRESH_BINARY);
  m.convertTo(on_f, CV_32F, 1.0 / 255.0);
  cv::integral(on_f, in, CV_64F);
  const auto box = [](const cv::Mat1d& ii, int x, int y, int s) {
    return ii(y + s, x + s) - ii(y, x + s) - ii(y + s, x) + ii(y, x);
  };
  const int side = std::max(4, static_cast<int>(std::lround(std::sqrt(params.patch_fraction * static_cast<double>(before.total())))));
  const int step = std::max(1, static_cast<int>(std::lround(side * params.stride_fraction)));
  double sum = 0;
  r.min = 1;
  for (int y = 0; y + side <= before.rows; y += step)
    for (int x = 0; x + side <= before.cols; x += step) {
      if (box(in, x, y, side) < params.min_inside * side * side) continue;
      const double b = box(lb, x, y, side), a = box(la, x, y, side);
      if (b <= 0) continue;
      const double d = 1.0 - a / b;
      sum += d;
      r.min = std::min(r.min, d);
      r.max = std::max(r.max, d);
      ++r.patches;
    }
  if (r.patches == 0) {
    r.min = 0;
    return r;
  }
  r.mean = sum / r.patches;
  return r;
}

}  // namespace smp::render
