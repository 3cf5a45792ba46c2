// Strands told from the skin between them, and the stubble's density after clipping.

#include "buzz_sparse_hair.hpp"

#include "detect/skin_model.hpp"

#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp::sim::detail {

namespace {

// Per-channel median: robust to the hairline's shadow and to highlights.
cv::Vec3f median_colour(const cv::Mat3b& img, const cv::Mat1b& mask) {
  std::array<std::vector<uchar>, 3> v;
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      if (mask(y, x))
        for (int c = 0; c < 3; ++c) v[static_cast<std::size_t>(c)].push_back(img(y, x)[c]);
  cv::Vec3f out(0, 0, 0);
  for (int c = 0; c < 3; ++c) {
    auto& ch = v[static_cast<std::size_t>(c)];
    if (ch.empty()) continue;
    std::nth_element(ch.begin(), ch.begin() + static_cast<long>(ch.size() / 2), ch.end());
    out[c] = ch[ch.size() / 2];
  }
  return out;
}

// Below this much weight around a pixel there is nothing to average there.
constexpr float kMinWeight = 0.05f;

// The parts of a Gaussian mean (sigma px) of `img` with a weight per pixel: `sum`, the blur of
// the weighted colours, and `den`, that of the weights; the mean is sum / den.
void weighted_blur(const cv::Mat3f& img, const cv::Mat1f& weight, double sigma, cv::Mat3f& sum, cv::Mat1f& den) {
  cv::Mat3f weighted(img.size());
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) weighted(y, x) = img(y, x) * weight(y, x);
  cv::GaussianBlur(weight, den, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  cv::GaussianBlur(weighted, sum, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
}

}  // namespace

SkinTones skin_tones(const cv::Mat3b& bare, const cv::Mat1b& near_skin, const BuzzDecisionParams& p) {
  const cv::Vec3f median = median_colour(bare, near_skin);
  cv::Mat1b grey, lit, lit_half;
  cv::cvtColor(bare, grey, cv::COLOR_BGR2GRAY);
  cv::compare(grey, p.shadow_luma_share * luma(median), lit, cv::CMP_GE);
  cv::compare(grey, luma(median), lit_half, cv::CMP_GE);
  lit &= near_skin;
  lit_half &= near_skin;
  // The brightest tenth is glare, not the skin's colour.
  std::vector<uchar> lum;
  for (int y = 0; y < grey.rows; ++y)
    for (int x = 0; x < grey.cols; ++x)
      if (near_skin(y, x)) lum.push_back(grey(y, x));
  if (!lum.empty()) {
    const auto top = lum.begin() + static_cast<long>(lum.size() * 9 / 10);
    std::nth_element(lum.begin(), top, lum.end());
    cv::Mat1b glare;
    cv::compare(grey, *top, glare, cv::CMP_GT);
    lit_half.setTo(0, glare);
  }
  auto mean_of = [&](const cv::Mat1b& m) {
    const cv::Scalar v = cv::mean(bare, cv::countNonZero(m) > 50 ? m : near_skin);
    return cv::Vec3f(static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2]));
  };
  SkinTones out;
  out.lit_luma = luma(mean_of(lit));
  out.fill_bgr = mean_of(lit_half);
  return out;
}

cv::Mat3b without_strands(const cv::Mat3b& img, double work_ppm, const BuzzDecisionParams& p) {
  // Strands (dark or light) are the pixels far from the median of a window as wide as the
  // filter (where they cover less than half of it); the skin is the mean of the other pixels
  // around, so its tone keeps no bias from the strands or from its own noise.
  const int k = std::max(3, odd_px(p.strand_filter_mm * work_ppm));
  cv::Mat3b median;
  cv::medianBlur(img, median, k);
  cv::Mat1b g_img, g_med, off, skin;
  cv::cvtColor(img, g_img, cv::COLOR_BGR2GRAY);
  cv::cvtColor(median, g_med, cv::COLOR_BGR2GRAY);
  cv::absdiff(g_img, g_med, off);
  cv::compare(off, p.strand_levels / 2, skin, cv::CMP_LT);  // also the strands' soft edges
  cv::erode(skin, skin, cv::Mat());
  cv::Mat1f weight, den;
  skin.convertTo(weight, CV_32F, 1.0 / 255);
  cv::Mat3f img_f, sum;
  img.convertTo(img_f, CV_32F);
  weighted_blur(img_f, weight, 0.5 * k, sum, den);
  cv::Mat3b bare(img.size());
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const float d = den(y, x);
      if (d > kMinWeight) {
        const cv::Vec3f v = sum(y, x) / d;
        bare(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(v[0]), cv::saturate_cast<uchar>(v[1]), cv::saturate_cast<uchar>(v[2]));
      } else {
        bare(y, x) = median(y, x);  // nothing but strands around: their median
      }
    }
  return bare;
}

cv::Mat3b skin_under_strands(const cv::Mat3b& img_all, const cv::Mat3b& bare, const cv::Mat1b& sparse_all,
                             const cv::Mat1b& skin_all, double work_ppm, const BuzzDecisionParams& p) {
  cv::Mat3b out = bare.clone();
  if (sparse_all.empty() || cv::countNonZero(sparse_all) == 0) return out;
  const double sigma = std::max(1.0, p.cover_window_mm * work_ppm / 4);
  const double t = std::max(1.0, p.strand_levels);
  const int window = std::max(3, odd_px(p.cover_window_mm * work_ppm));
  // Worked on the sparse hair's box grown by all that reaches it (the median's window and
  // three Gaussian passes, each cut at 4 sigma): the same pixels as over the whole image.
  const int reach = window + 3 * static_cast<int>(std::ceil(4 * sigma)) + 2;
  cv::Rect roi = cv::boundingRect(sparse_all);
  roi = cv::Rect(roi.x - reach, roi.y - reach, roi.width + 2 * reach, roi.height + 2 * reach) &
        cv::Rect(0, 0, img_all.cols, img_all.rows);
  const cv::Mat3b img = img_all(roi);
  const cv::Mat1b sparse = sparse_all(roi);
  cv::Mat1b samples;
  cv::bitwise_or(sparse, skin_all(roi), samples);
  // Sparse hair covers less than half of the skin around, so the median luma over the cover
  // window is the skin's. Pixels that are no sample take 0 and 255 in turn: the median of the
  // samples around stays where it is.
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  for (int y = 0; y < grey.rows; ++y)
    for (int x = 0; x < grey.cols; ++x)
      if (!samples(y, x)) grey(y, x) = (x + y) % 2 ? 255 : 0;
  cv::Mat1b median;
  cv::medianBlur(grey, median, window);
  cv::Mat1f est_luma;
  median.convertTo(est_luma, CV_32F);
  // Then the colour: the mean of the samples near that luma, its luma the next reference.
  cv::Mat3f img_f, est(img.size(), cv::Vec3f(0, 0, 0)), sum;
  img.convertTo(img_f, CV_32F);
  cv::Mat1b known(img.size(), uchar{0});
  cv::Mat1f weight(img.size()), den;
  for (int iteration = 0; iteration < 3; ++iteration) {
    for (int y = 0; y < img.rows; ++y)
      for (int x = 0; x < img.cols; ++x) {
        const double d = samples(y, x) ? (luma(img_f(y, x)) - est_luma(y, x)) / t : 1e3;
        weight(y, x) = static_cast<float>(std::exp(-0.5 * d * d));
      }
    weighted_blur(img_f, weight, sigma, sum, den);
    for (int y = 0; y < img.rows; ++y)
      for (int x = 0; x < img.cols; ++x)
        if (den(y, x) > kMinWeight) {  // else nothing skin-like around: the strand filter's result stays
          est(y, x) = sum(y, x) / den(y, x);
          est_luma(y, x) = static_cast<float>(luma(est(y, x)));
          known(y, x) = 255;
        }
  }
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      if (sparse(y, x) && known(y, x))
        out(roi.y + y, roi.x + x) = cv::Vec3b(cv::saturate_cast<uchar>(est(y, x)[0]), cv::saturate_cast<uchar>(est(y, x)[1]),
                              cv::saturate_cast<uchar>(est(y, x)[2]));
  return out;
}

cv::Mat1b grey_under_strands(const cv::Mat3b& under, const cv::Mat1b& sparse, const cv::Vec3f& skin_bgr,
                             const BuzzDecisionParams& p) {
  cv::Mat1b out(sparse.size(), uchar{0});
  if (sparse.empty() || cv::countNonZero(sparse) == 0) return out;
  cv::Mat3b ycrcb, skin_ycrcb;
  cv::cvtColor(under, ycrcb, cv::COLOR_BGR2YCrCb);
  const cv::Mat3b skin(1, 1, cv::Vec3b(cv::saturate_cast<uchar>(skin_bgr[0]), cv::saturate_cast<uchar>(skin_bgr[1]),
                                       cv::saturate_cast<uchar>(skin_bgr[2])));
  cv::cvtColor(skin, skin_ycrcb, cv::COLOR_BGR2YCrCb);
  const double least = p.sparse_min_saturation * detect::saturation_of(skin_ycrcb(0, 0));
  for (int y = 0; y < sparse.rows; ++y)
    for (int x = 0; x < sparse.cols; ++x)
      if (sparse(y, x) && detect::saturation_of(ycrcb(y, x)) < least) out(y, x) = 255;
  return out;
}

cv::Mat1f strand_share(const cv::Mat3b& img, const cv::Mat3b& bare, double work_ppm, const BuzzDecisionParams& p) {
  cv::Mat1b g_img, g_bare, off, strand;
  cv::cvtColor(img, g_img, cv::COLOR_BGR2GRAY);
  cv::cvtColor(bare, g_bare, cv::COLOR_BGR2GRAY);
  cv::absdiff(g_img, g_bare, off);
  cv::compare(off, p.strand_levels, strand, cv::CMP_GE);
  cv::Mat1f share;
  strand.convertTo(share, CV_32F, 1.0 / 255);
  const double sigma = std::max(1.0, p.cover_window_mm * work_ppm / 2);
  cv::GaussianBlur(share, share, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  return share;
}

cv::Mat1b sparse_hair(const cv::Mat1f& share, const cv::Mat1b& skin, const cv::Mat1b& clip, cv::Rect face,
                      double work_ppm, const BuzzDecisionParams& p) {
  cv::Mat1b cand;
  cv::compare(share, p.sparse_min_share, cand, cv::CMP_GE);
  cv::bitwise_and(cand, skin, cand);
  cand = without(cand, clip);
  if (face.area() > 0) cand(face & cv::Rect(cv::Point(0, 0), cand.size())).setTo(0);
  // Pieces joined to the clipped hair (a thinning crown continues the hair around it); loose
  // busy patches of skin elsewhere (ears, brows, textured skin) are no hair of the head.
  cv::Mat1b reach;
  const int g = 2 * std::max(1, static_cast<int>(std::lround(0.5 * work_ppm))) + 1;
  cv::dilate(clip, reach, cv::getStructuringElement(cv::MORPH_ELLIPSE, {g, g}));
  cv::Mat labels;
  const int n = cv::connectedComponents(cand, labels, 8, CV_32S);
  std::vector<char> keep(static_cast<std::size_t>(n), 0);
  for (int y = 0; y < cand.rows; ++y)
    for (int x = 0; x < cand.cols; ++x)
      if (cand(y, x) && reach(y, x)) keep[static_cast<std::size_t>(labels.at<int>(y, x))] = 1;
  cv::Mat1b out(cand.size(), uchar{0});
  for (int y = 0; y < cand.rows; ++y)
    for (int x = 0; x < cand.cols; ++x)
      if (keep[static_cast<std::size_t>(labels.at<int>(y, x))] && labels.at<int>(y, x) > 0) out(y, x) = 255;
  return out;
}

cv::Mat1f stubble_density(const BuzzRegions& r, const cv::Mat1f& cover, const cv::Mat1f& share, double work_ppm,
                          const BuzzDecisionParams& p) {
  // The hairline thins toward bare skin (toward sparse hair the blur below blends it).
  cv::Mat1f to_bare;
  cv::Mat1b not_bare;
  cv::bitwise_not(r.skin_known, not_bare);
  cv::distanceTransform(not_bare, to_bare, cv::DIST_L2, 3);
  const double ramp = std::max(p.hairline_soft_mm * work_ppm, 1.0);
  cv::Mat1f density(r.work, 0.0f), weight(r.work, 0.0f);
  for (int y = 0; y < r.work.height; ++y)
    for (int x = 0; x < r.work.width; ++x) {
      double s = 0;
      if (r.clip(y, x))
        s = std::clamp(cover(y, x) / p.full_cover, p.min_density_share, 1.0) *
            std::clamp(to_bare(y, x) / ramp, 0.3, 1.0);
      else if (!r.sparse.empty() && r.sparse(y, x))
        s = std::clamp(share(y, x) / p.sparse_full_share, p.min_density_share, 1.0);
      else
        continue;
      density(y, x) = static_cast<float>(s * p.default_density_per_cm2);
      weight(y, x) = 1.0f;
    }
  if (r.sparse.empty() || cv::countNonZero(r.sparse) == 0) return density;
  // On the sparse hair the density changes smoothly, also into the clipped hair beside it (a
  // weighted blur that only mixes values of the two regions).
  const double sigma = std::max(1.0, p.cover_window_mm * work_ppm / 2);
  cv::Mat1f num, den;
  cv::GaussianBlur(density, num, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  cv::GaussianBlur(weight, den, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  for (int y = 0; y < r.work.height; ++y)
    for (int x = 0; x < r.work.width; ++x)
      if (r.sparse(y, x) && den(y, x) > 1e-6f) density(y, x) = num(y, x) / den(y, x);
  return density;
}

}  // namespace smp::sim::detail
