#include "buzz_hair_edge.hpp"

#include "buzz_fill_tone.hpp"
#include "smp/sim/wide_gaussian.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

namespace {

// Bilinear sample of `m` at (x, y) in its own pixel coordinates, clamped to its edges.
template <typename T>
T sample(const cv::Mat_<T>& m, float x, float y) {
  x = std::clamp(x, 0.0f, static_cast<float>(m.cols - 1));
  y = std::clamp(y, 0.0f, static_cast<float>(m.rows - 1));
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, m.cols - 1), y1 = std::min(y0 + 1, m.rows - 1);
  const float fx = x - static_cast<float>(x0), fy = y - static_cast<float>(y0);
  const T top = m(y0, x0) * (1 - fx) + m(y0, x1) * fx, bottom = m(y1, x0) * (1 - fx) + m(y1, x1) * fx;
  return top * (1 - fy) + bottom * fy;
}

}  // namespace

HairEdge hair_edge(const cv::Mat3b& img, const cv::Mat1b& clipped, const cv::Mat1b& eligible, const HairEdgeParams& p) {
  CV_Assert(clipped.size() == img.size() && eligible.size() == img.size());
  HairEdge out;
  out.most_hair = cv::Mat1f(img.size(), 0.0f);
  out.skin_bgr = cv::Mat3f(img.size(), cv::Vec3f(0, 0, 0));
  const double sigma_blur = p.sigma(), margin = p.margin();
  const float reach = static_cast<float>(p.reach_px());
  if (img.empty() || cv::countNonZero(clipped) == 0) return out;
  cv::Mat1b outside;
  cv::bitwise_not(clipped, outside);
  cv::Mat1f to_clip;
  cv::distanceTransform(outside, to_clip, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  // Not next to what stays as photographed (ears, excluded marks, the background's side): a
  // smaller map sampled at the photo's size would carry the band half a pixel into it.
  cv::Mat1b inner;
  cv::erode(eligible, inner, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}), {-1, -1}, 1, cv::BORDER_REPLICATE);
  // The skin the mixed pixels are measured against: eligible pixels past the band, where the
  // hair no longer reaches, spread back over the band by a normalised blur.
  cv::Mat1f ref_w(img.size(), 0.0f);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const float d = to_clip(y, x);
      if (eligible(y, x) && d > reach && d <= 3 * reach) ref_w(y, x) = 1.0f;
    }
  const double spread_sigma = reach;  // how far the skin's colour is carried back
  const cv::Mat1f ref_n = sim::wide_gaussian(ref_w, spread_sigma);
  cv::Mat planes[3];
  cv::split(img, planes);
  cv::Mat1f channel[3];
  for (int c = 0; c < 3; ++c) {
    cv::Mat1f weighted;
    planes[c].convertTo(weighted, CV_32F);
    cv::multiply(weighted, ref_w, weighted);
    channel[c] = sim::wide_gaussian(weighted, spread_sigma);
  }
  // The skin's luma against the distance from the clipped area over the same pixels: the
  // weighted sums of a least-squares line, d, d², L (from the channels' sums) and L d.
  cv::Mat1f grey(img.size());
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) grey(y, x) = luma(cv::Vec3f(img(y, x)));
  const auto spread = [&](const cv::Mat1f& a, const cv::Mat1f& b) {
    cv::Mat1f m;
    cv::multiply(a, ref_w, m);
    if (!b.empty()) cv::multiply(m, b, m);
    return sim::wide_gaussian(m, spread_sigma);
  };
  const cv::Mat1f sum_d = spread(to_clip, {}), sum_dd = spread(to_clip, to_clip), sum_ld = spread(grey, to_clip);
  // A line needs distances spread over the ring (a third of the reach squared when they are
  // spread evenly over it): where only a few pixels at one distance are near, its slope is noise.
  const float min_var = 0.05f * reach * reach;
  const float min_share = static_cast<float>(1.0 - std::clamp(p.max_trend_shade, 0.0, 1.0));
  // The skin's colour wherever some is near (smooth, so a smaller map samples well); the band
  // only where it is nearer still, so the band's edge never samples the zeros beyond.
  const float k = static_cast<float>(1.0 / (sigma_blur * std::sqrt(2.0)));
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const float n = ref_n(y, x);
      if (n < 0.02f) continue;
      out.skin_bgr(y, x) = cv::Vec3f(channel[0](y, x) / n, channel[1](y, x) / n, channel[2](y, x) / n);
      const float d = to_clip(y, x);
      if (d >= reach || !inner(y, x) || n < 0.05f) continue;
      // Continued to this distance: the band meets the skin past it at that skin's tone.
      const float dm = sum_d(y, x) / n, lm = luma(out.skin_bgr(y, x));
      const float var = sum_dd(y, x) / n - dm * dm;
      if (var > min_var && lm > 1.0f) {
        const float slope = (sum_ld(y, x) / n - lm * dm) / var;
        out.skin_bgr(y, x) *= std::clamp((lm + slope * (d - dm)) / lm, min_share, 1.0f);
      }
      // Whole within the margin (on the clipped side too: what the clip leaves of a pixel there
      // is such a mix, and a smaller map sampled at the photo's size stays whole up to the
      // clip's edge); past it, what a blurred edge carries that far: 2 Phi(-x / sigma).
      out.most_hair(y, x) = std::erfc(std::max(0.0f, d - static_cast<float>(margin)) * k);
    }
  return out;
}

void take_out_hair_edge(const cv::Mat3b& src, cv::Mat3b& dst, cv::Rect area, const HairEdge& edge, double work_per_photo,
                        const cv::Vec3f& hair_bgr, const HairEdgeParams& p, cv::Mat1b* changed) {
  CV_Assert(src.size() == dst.size() && src.data != dst.data);
  CV_Assert(!changed || changed->size() == src.size());
  area &= cv::Rect(cv::Point(0, 0), src.size());
  if (area.empty() || edge.most_hair.empty()) return;
  const float s = static_cast<float>(work_per_photo), h = luma(hair_bgr);
  const float min_contrast = static_cast<float>(std::max(p.min_contrast, 1.0));
  const float noise = static_cast<float>(std::max(p.noise_levels, 0.0));
  cv::parallel_for_(cv::Range(area.y, area.y + area.height), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      const float wy = (static_cast<float>(y) + 0.5f) * s - 0.5f;
      for (int x = area.x; x < area.x + area.width; ++x) {
        const float wx = (static_cast<float>(x) + 0.5f) * s - 0.5f;
        const float most = sample(edge.most_hair, wx, wy);
        if (most <= 1e-3f) continue;
        const cv::Vec3f skin = sample(edge.skin_bgr, wx, wy);
        const float contrast = luma(skin) - h;
        if (std::abs(contrast) < min_contrast) continue;
        if (changed) (*changed)(y, x) = 255;
        // The mix is as smooth as the photo's blur; the pixel's grain and JPEG blocks are not part of it.
        float smooth = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int yy = std::clamp(y + dy, 0, src.rows - 1), xx = std::clamp(x + dx, 0, src.cols - 1);
            smooth += static_cast<float>((2 - std::abs(dx)) * (2 - std::abs(dy))) * luma(cv::Vec3f(src(yy, xx)));
          }
        smooth /= 16.0f;
        // Toward the hair's luma from the skin's: the hair's share of the pixel; within the
        // grain it is skin.
        const float toward_hair = (luma(skin) - smooth) * (contrast > 0 ? 1.0f : -1.0f);
        if (toward_hair <= noise) continue;
        const float share = std::min(most, std::min(toward_hair / std::abs(contrast), 1.0f));
        const cv::Vec3f v = cv::Vec3f(src(y, x)) + share * (skin - hair_bgr);
        dst(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(v[0]), cv::saturate_cast<uchar>(v[1]), cv::saturate_cast<uchar>(v[2]));
      }
    }
  });
}

}  // namespace smp::render::detail
