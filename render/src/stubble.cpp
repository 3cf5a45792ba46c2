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

// 1 - the stubble strip's luma over that of the skin strip right beside each part of it (the
// skin's luma averaged within about `reach` px): the fringe of a lit top and that of a side in
// shadow each against their own skin, not a shadowed fringe against the lit top. None when no
// stubble pixel has skin within reach.
std::optional<double> local_contrast(const cv::Mat1b& grey, const cv::Mat1b& stubble, const cv::Mat1b& skin, int reach) {
  cv::Mat1f y, w, yw;
  grey.convertTo(y, CV_32F);
  skin.convertTo(w, CV_32F, 1.0 / 255);
  cv::multiply(y, w, yw);
  const double sigma = 0.5 * reach;
  cv::GaussianBlur(yw, yw, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  cv::GaussianBlur(w, w, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  double sum_stubble = 0, sum_skin = 0;
  for (int r = 0; r < grey.rows; ++r)
    for (int c = 0; c < grey.cols; ++c)
      if (stubble(r, c) && w(r, c) > 0.02f) {
        sum_stubble += y(r, c);
        sum_skin += yw(r, c) / w(r, c);
      }
  if (sum_skin <= 1) return std::nullopt;
  return 1.0 - sum_stubble / sum_skin;
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

// Distance from the centre of the outline ellipse as a share of its radius in that direction
// (1 on the outline), at each pixel of an image `scale` times the photo's size.
cv::Mat1f outline_radius(const cv::RotatedRect& outline, cv::Size size, double scale) {
  const double a = std::max(0.5 * outline.size.width * scale, 1e-6), b = std::max(0.5 * outline.size.height * scale, 1e-6);
  const double t = outline.angle * CV_PI / 180, ct = std::cos(t), st = std::sin(t);
  const double cx = outline.center.x * scale, cy = outline.center.y * scale;
  cv::Mat1f out(size);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      const double u = (dx * ct + dy * st) / a, v = (-dx * st + dy * ct) / b;
      out(y, x) = static_cast<float>(std::sqrt(u * u + v * v));
    }
  return out;
}

// local_contrast with each stubble pixel compared only with skin at about its own distance
// from the head's centre (`rho`, outline_radius): on a dome the light falls off toward the
// outline, and a fringe along the outline sits where the skin turns away. Against the skin
// further in, that shading would read as stubble. Stubble with no skin of its own radius
// within reach is left out; none when too little is left (`min_pixels`).
std::optional<double> same_radius_contrast(const cv::Mat1b& grey, const cv::Mat1b& stubble, const cv::Mat1b& skin,
                                           const cv::Mat1f& rho, int reach, double rho_sigma, int min_pixels) {
  const double sigma = 0.5 * reach;
  // The window is read every `step` pixels and the stubble strip every `stride`: at most about
  // 65 x 65 reads for each of at most about 20,000 stubble pixels, whatever the scale (a
  // measured calibration far off makes the strips wide). The strip is smooth at arm's length.
  const int half = static_cast<int>(std::ceil(2.5 * sigma));
  const int step = std::max(1, (half + 31) / 32);
  const int n_stubble = cv::countNonZero(stubble);
  const int stride = std::max(2, static_cast<int>(std::ceil(std::sqrt(n_stubble / 20000.0))));
  const float inv_2s2 = static_cast<float>(0.5 / (rho_sigma * rho_sigma));
  const float max_d2 = static_cast<float>(9 * rho_sigma * rho_sigma);
  const float inv_2sigma2 = static_cast<float>(0.5 / (sigma * sigma));
  // As much skin at the pixel's radius as local_contrast asks of skin at any radius: 2 % of
  // the window's full weight (of the pixels read).
  const double min_weight = 0.02 * 2 * CV_PI * sigma * sigma / (step * step);
  double sum_stubble = 0, sum_skin = 0;
  int used = 0;
  for (int y = 0; y < grey.rows; y += stride)
    for (int x = 0; x < grey.cols; x += stride) {
      if (!stubble(y, x)) continue;
      const float r0 = rho(y, x);
      double w_sum = 0, yw_sum = 0;
      for (int v = std::max(0, y - half); v <= std::min(grey.rows - 1, y + half); v += step) {
        const uchar* sk = skin.ptr<uchar>(v);
        const uchar* g = grey.ptr<uchar>(v);
        const float* rr = rho.ptr<float>(v);
        const float dy2 = static_cast<float>((v - y) * (v - y));
        for (int u = std::max(0, x - half); u <= std::min(grey.cols - 1, x + half); u += step) {
          const float d = rr[u] - r0;
          if (!sk[u] || d * d > max_d2) continue;  // no skin, or too far off the radius to count
          const float dx2 = static_cast<float>((u - x) * (u - x));
          const float w = std::exp(-(dx2 + dy2) * inv_2sigma2 - d * d * inv_2s2);
          w_sum += w;
          yw_sum += w * g[u];
        }
      }
      if (w_sum <= min_weight) continue;
      sum_stubble += grey(y, x);
      sum_skin += yw_sum / w_sum;
      ++used;
    }
  if (used * stride * stride < min_pixels || sum_skin <= 1) return std::nullopt;
  return 1.0 - sum_stubble / sum_skin;
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
  // Compared at the same radius of the outline where enough of the fringe has skin there; else
  // with the skin within reach; without skin within reach, the two strips' means.
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  std::optional<double> contrast;
  if (plan.head.has_outline())
    contrast = same_radius_contrast(grey, stubble_strip, skin_strip, outline_radius(plan.head.outline, img.size(), k), r,
                                    params.same_shading_radius, params.min_pixels);
  if (!contrast) contrast = local_contrast(grey, stubble_strip, skin_strip, r);
  m.contrast = contrast.value_or(1.0 - luma(s) / luma(b));
  m.stubble_bgr = cv::Vec3f(static_cast<float>(s[0]), static_cast<float>(s[1]), static_cast<float>(s[2]));
  m.skin_bgr = cv::Vec3f(static_cast<float>(b[0]), static_cast<float>(b[1]), static_cast<float>(b[2]));
  m.grey_or_white = m.contrast < params.grey_contrast && saturation(s) < saturation(b);
  const double skin_full = percentile(luma_under(photo, skin_strip), 0.5);
  if (skin_full > 1)
    m.strand_ratio = std::min(1.0, percentile(luma_under(photo, stubble_strip), params.strand_percentile) / skin_full);
  m.grey_strands = m.strand_ratio >= params.light_strand_ratio && saturation(s) < params.grey_saturation_ratio * saturation(b);
  return m;
}

}  // namespace smp::render
