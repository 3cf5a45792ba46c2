#include "smp/render/stubble.hpp"

#include "smp/render/shade.hpp"

#include "pixel_sample.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::render {

namespace {

cv::Mat1b fit(const cv::Mat1b& m, cv::Size size) {
  cv::Mat1b out;
  if (m.empty()) return cv::Mat1b(size, uchar{0});
  cv::resize(m, out, size, 0, 0, cv::INTER_NEAREST);
  cv::threshold(out, out, 127, 255, cv::THRESH_BINARY);
  return out;
}

double luma(const cv::Scalar& c) { return 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2]; }

// Luminance values of `photo` (full resolution) under the binary `mask` (a downscale of it),
// at most ~300k of them.
std::vector<double> luma_under(const cv::Mat3b& photo, const cv::Mat1b& mask) {
  std::vector<double> out;
  for (const cv::Vec3f& c : sample_under(photo, mask, 300000.0)) out.push_back(luminance(c));
  return out;
}

double saturation(const cv::Scalar& c) {
  const double hi = std::max({c[0], c[1], c[2]}), lo = std::min({c[0], c[1], c[2]});
  return hi > 0 ? (hi - lo) / hi : 0.0;
}

// The grey (luma, 0-255) of `img` as floats, for the local means below.
cv::Mat1f luma_image(const cv::Mat3b& img) {
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  cv::Mat1f y;
  grey.convertTo(y, CV_32F);
  return y;
}

// The mean of luma `y` around each pixel over the pixels of `mask` only (a Gaussian of
// `sigma` px): sum / weight where the weight is above 0.
struct MaskedMean {
  cv::Mat1f sum, weight;
};

MaskedMean masked_mean(const cv::Mat1f& y, const cv::Mat1b& mask, double sigma) {
  MaskedMean m;
  mask.convertTo(m.weight, CV_32F, 1.0 / 255);
  cv::multiply(y, m.weight, m.sum);
  cv::GaussianBlur(m.sum, m.sum, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  cv::GaussianBlur(m.weight, m.weight, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  return m;
}

// 1 - the stubble strip's luma (`y`) over that of the skin strip right beside each part of it
// (the skin's luma averaged within about `reach` px): the fringe of a lit top and that of a
// side in shadow each against their own skin, not a shadowed fringe against the lit top. None
// when no stubble pixel has skin within reach.
std::optional<double> local_contrast(const cv::Mat1f& y, const cv::Mat1b& stubble, const cv::Mat1b& skin, int reach) {
  const MaskedMean skin_mean = masked_mean(y, skin, 0.5 * reach);
  double sum_stubble = 0, sum_skin = 0;
  for (int r = 0; r < y.rows; ++r)
    for (int c = 0; c < y.cols; ++c)
      if (stubble(r, c) && skin_mean.weight(r, c) > 0.02f) {
        sum_stubble += y(r, c);
        sum_skin += skin_mean.sum(r, c) / skin_mean.weight(r, c);
      }
  if (sum_skin <= 1) return std::nullopt;
  return 1.0 - sum_stubble / sum_skin;
}

// Standard deviation of luma (`y`) over its local mean (a Gaussian of `sigma` px taken within
// `strip` only), relative to that mean, over the strip; 0 on an empty strip.
double strip_grain(const cv::Mat1f& y, const cv::Mat1b& strip, double sigma) {
  const MaskedMean local = masked_mean(y, strip, sigma);
  double sum = 0, sum2 = 0, n = 0;
  for (int r = 0; r < y.rows; ++r)
    for (int c = 0; c < y.cols; ++c)
      if (strip(r, c) && local.weight(r, c) > 0.02f && local.sum(r, c) > 0) {
        const double d = y(r, c) * local.weight(r, c) / local.sum(r, c) - 1.0;
        sum += d;
        sum2 += d * d;
        ++n;
      }
  if (n < 2) return 0;
  const double mean = sum / n;
  return std::sqrt(std::max(0.0, sum2 / n - mean * mean));
}

// 255 within `r` px of `mask` (a dilation by a disc, in time that does not grow with r).
cv::Mat1b within(const cv::Mat1b& mask, int r) {
  cv::Mat1b outside;
  cv::compare(mask, 0, outside, cv::CMP_EQ);
  cv::Mat1f to_mask;
  cv::distanceTransform(outside, to_mask, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  cv::Mat1b out;
  cv::compare(to_mask, r + 0.5, out, cv::CMP_LE);
  return out;
}

}  // namespace

std::optional<StubbleMeasure> measure_stubble(const cv::Mat3b& photo, const sim::Plan& plan,
                                              const StubbleParams& params) {
  return measure_stubble(photo, sim::AnalysisImage{}, plan, params);
}

std::optional<StubbleMeasure> measure_stubble(const cv::Mat3b& photo, const sim::AnalysisImage& analysis,
                                              const sim::Plan& plan, const StubbleParams& params) {
  if (photo.empty() || plan.masks.hair.empty() || plan.masks.treatment.empty()) return std::nullopt;
  // Arm's length: from the analysis image (made here when the one given is of another photo),
  // or from the photo when that is smaller than the working side.
  const cv::Mat3b small = analysis.stands_for(photo.size()) ? analysis.pixels : sim::make_analysis_image(photo).pixels;
  const cv::Mat3b source = std::max(small.cols, small.rows) >= params.work_side_px ? small : photo;
  const cv::Mat3b img = sim::bounded_copy(source, params.work_side_px);
  const double k = static_cast<double>(std::max(img.cols, img.rows)) / std::max(photo.cols, photo.rows);
  const cv::Mat1b hair = fit(plan.masks.hair, img.size());
  cv::Mat1b bare = fit(plan.masks.treatment, img.size());
  bare.setTo(0, hair);
  if (!plan.masks.exclusion.empty()) bare.setTo(0, fit(plan.masks.exclusion, img.size()));
  // Strips on both sides of the fringe, each band_mm wide.
  const int r = std::max(2, static_cast<int>(std::lround(params.band_mm * plan.calibration.px_per_mm * k)));
  const cv::Mat1b near_bare = within(bare, r), near_hair = within(hair, r);
  cv::Mat1b stubble_strip, skin_strip;
  cv::bitwise_and(hair, near_bare, stubble_strip);
  cv::bitwise_and(bare, near_hair, skin_strip);
  if (cv::countNonZero(stubble_strip) < params.min_pixels || cv::countNonZero(skin_strip) < params.min_pixels)
    return std::nullopt;
  const cv::Scalar s = cv::mean(img, stubble_strip), b = cv::mean(img, skin_strip);
  if (luma(b) <= 1) return std::nullopt;
  StubbleMeasure m;
  // Without skin within reach of the stubble, the two strips' means.
  const cv::Mat1f y = luma_image(img);
  m.contrast = local_contrast(y, stubble_strip, skin_strip, r).value_or(1.0 - luma(s) / luma(b));
  m.stubble_bgr = cv::Vec3f(static_cast<float>(s[0]), static_cast<float>(s[1]), static_cast<float>(s[2]));
  m.skin_bgr = cv::Vec3f(static_cast<float>(b[0]), static_cast<float>(b[1]), static_cast<float>(b[2]));
  m.grey_or_white = m.contrast < params.grey_contrast && saturation(s) < saturation(b);
  if (params.measure_grain) {
    const double grain_px = std::max(1.0, params.grain_mm * plan.calibration.px_per_mm * k);
    m.grain = strip_grain(y, stubble_strip, grain_px);
    m.skin_grain = strip_grain(y, skin_strip, grain_px);
  }
  const double skin_full = percentile(luma_under(photo, skin_strip), 0.5);
  if (skin_full > 1)
    m.strand_ratio = std::min(1.0, percentile(luma_under(photo, stubble_strip), params.strand_percentile) / skin_full);
  m.grey_strands = m.strand_ratio >= params.light_strand_ratio && saturation(s) < params.grey_saturation_ratio * saturation(b);
  return m;
}

}  // namespace smp::render
