#include "buzz_fill_tone.hpp"

#include "smp/sim/wide_gaussian.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

double cap_fill_to_adjacent_skin(cv::Mat3f& skin, const cv::Mat1b& grey, const cv::Mat1b& clip,
                                 const cv::Mat1b& skin_known, const cv::Mat1f& near, double band_px,
                                 double max_darkening) {
  if (cv::countNonZero(clip) == 0) return 1.0;
  cv::Mat1b not_clip;
  cv::bitwise_not(clip, not_clip);
  cv::Mat1f to_clip;
  cv::distanceTransform(not_clip, to_clip, cv::DIST_L2, 3);
  cv::Mat1b band;
  cv::compare(to_clip, band_px, band, cv::CMP_LE);
  band &= skin_known;
  if (cv::countNonZero(band) < 50) return 1.0;
  const double target = cv::mean(grey, band)[0];
  // The fill's mean luma over the clip with factor f far from the skin is A - (1 - f) * B.
  double a = 0, b = 0, n = 0;
  for (int y = 0; y < skin.rows; ++y)
    for (int x = 0; x < skin.cols; ++x)
      if (clip(y, x)) {
        const double l = luma(skin(y, x));
        a += l;
        b += l * (1.0 - near(y, x));
        ++n;
      }
  a /= n;
  b /= n;
  if (a <= target || b <= 1e-6) return 1.0;
  const double f = std::clamp(1.0 - (a - target) / b, 1.0 - max_darkening, 1.0);
  for (int y = 0; y < skin.rows; ++y)
    for (int x = 0; x < skin.cols; ++x)
      skin(y, x) *= static_cast<float>(1.0 - (1.0 - f) * (1.0 - near(y, x)));
  return f;
}

void shade_fill_like_the_hair(cv::Mat3f& skin, const cv::Mat1b& grey, const cv::Mat1b& clip, const cv::Mat1f& near,
                              double sigma_px, double strength, double max_change) {
  if (cv::countNonZero(clip) == 0 || strength <= 0) return;
  cv::Mat1f grey_f, weight;
  grey.convertTo(grey_f, CV_32F);
  clip.convertTo(weight, CV_32F, 1.0 / 255);
  // Normalised convolution: the average over the clipped hair only (not the skin beside it).
  cv::Mat1f sum, wsum = weight.clone();
  cv::multiply(grey_f, weight, sum);
  // The light over centimetres: a wide blur, run on a reduced copy.
  const double s = std::max(sigma_px, 0.5);
  sum = sim::wide_gaussian(sum, s);
  wsum = sim::wide_gaussian(wsum, s);
  cv::Mat1f light;
  cv::divide(sum, cv::max(wsum, 1e-4), light);
  const double mean = cv::mean(light, clip)[0];
  if (mean <= 1.0) return;
  const float lo = static_cast<float>(1.0 - max_change), hi = static_cast<float>(1.0 + max_change);
  // The light is moved around, not added or taken away: the fill's mean luma over the clip
  // stays what it was.
  cv::Mat1f gain(skin.size(), 1.0f), fade(skin.size(), 0.0f);
  double before = 0, after = 0;
  for (int y = 0; y < skin.rows; ++y)
    for (int x = 0; x < skin.cols; ++x) {
      if (!clip(y, x)) continue;
      const float g = std::clamp(static_cast<float>(std::pow(light(y, x) / mean, strength)), lo, hi);
      fade(y, x) = 1.0f - near(y, x);
      gain(y, x) = 1.0f + (g - 1.0f) * fade(y, x);
      const double l = luma(skin(y, x));
      before += l;
      after += l * gain(y, x);
    }
  const float keep = after > 0 ? static_cast<float>(before / after) : 1.0f;
  for (int y = 0; y < skin.rows; ++y)
    for (int x = 0; x < skin.cols; ++x)
      if (clip(y, x)) skin(y, x) *= gain(y, x) * (1.0f + (keep - 1.0f) * fade(y, x));
}

}  // namespace smp::render::detail
