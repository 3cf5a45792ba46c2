#include "buzz_fill_tone.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

namespace {

float luma(const cv::Vec3f& v) { return 0.114f * v[0] + 0.587f * v[1] + 0.299f * v[2]; }

}  // namespace

double cap_fill_to_adjacent_skin(cv::Mat3f& skin, const cv::Mat3b& img, const cv::Mat1b& clip,
                                 const cv::Mat1b& skin_known, const cv::Mat1f& to_known, double reach_px,
                                 double band_px, double max_darkening) {
  if (cv::countNonZero(clip) == 0) return 1.0;
  cv::Mat1b not_clip;
  cv::bitwise_not(clip, not_clip);
  cv::Mat1f to_clip;
  cv::distanceTransform(not_clip, to_clip, cv::DIST_L2, 3);
  cv::Mat1b band;
  cv::compare(to_clip, band_px, band, cv::CMP_LE);
  band &= skin_known;
  if (cv::countNonZero(band) < 50) return 1.0;
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  const double target = cv::mean(grey, band)[0];
  // The fill's mean luma over the clip with factor f far from the skin is A - (1 - f) * B.
  const float reach = static_cast<float>(std::max(reach_px, 1.0));
  double a = 0, b = 0, n = 0;
  for (int y = 0; y < skin.rows; ++y)
    for (int x = 0; x < skin.cols; ++x)
      if (clip(y, x)) {
        const double l = luma(skin(y, x));
        a += l;
        b += l * (1.0 - std::exp(-to_known(y, x) / reach));
        ++n;
      }
  a /= n;
  b /= n;
  if (a <= target || b <= 1e-6) return 1.0;
  const double f = std::clamp(1.0 - (a - target) / b, 1.0 - max_darkening, 1.0);
  for (int y = 0; y < skin.rows; ++y)
    for (int x = 0; x < skin.cols; ++x)
      skin(y, x) *= static_cast<float>(1.0 - (1.0 - f) * (1.0 - std::exp(-to_known(y, x) / reach)));
  return f;
}

}  // namespace smp::render::detail
