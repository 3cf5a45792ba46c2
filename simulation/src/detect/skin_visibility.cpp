#include "detect/skin_visibility.hpp"

#include "smp/sim/wide_gaussian.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim::detect {

namespace {

// Gaussian average of `value` over the pixels of `weight_mask` only (normalised convolution).
cv::Mat1f masked_blur(const cv::Mat1f& value, const cv::Mat1b& weight_mask, double sigma, cv::Mat1f& weight_out) {
  cv::Mat1f w;
  weight_mask.convertTo(w, CV_32F, 1.0 / 255);
  cv::Mat1f vw;
  cv::multiply(value, w, vw);
  vw = sim::wide_gaussian(vw, sigma);
  weight_out = sim::wide_gaussian(w, sigma);
  cv::Mat1f out;
  cv::divide(vw, cv::max(weight_out, 1e-4), out);
  return out;
}

// How much of the skin's saturation (chroma over luma, see saturation_of) each pixel keeps,
// 0-1, for pixels darker than the median skin (`median_y`): lit strands of dark or grey hair
// fall inside the skin's chroma spread (shading moves the skin's chroma toward grey with its
// luma) but are far greyer for their luma. The skin's saturation is taken nearby, from its lit
// and smooth part (lit strands are busy, glare is brighter and grey), since a photo's skin is
// not equally saturated all over (a cooler light in shadow, a colour cast on one side); where
// little lit skin is near, it leans on the skin model's median.
cv::Mat1f saturation_kept(const cv::Mat3b& ycrcb, const cv::Mat1f& y, const cv::Mat1b& skin, const cv::Mat1f& spread,
                          const SkinModel& model, float median_y, double sigma, const VisibilityParams& p) {
  cv::Mat1f sat(y.size()), lit(y.size());
  const float lit_max = static_cast<float>(p.lit_skin_max_luma) * median_y;
  const float busy = static_cast<float>(0.5 * (p.smooth_full + p.smooth_none));
  for (int r = 0; r < y.rows; ++r)
    for (int c = 0; c < y.cols; ++c) {
      sat(r, c) = saturation_of(ycrcb(r, c));
      lit(r, c) = skin(r, c) && y(r, c) >= median_y && y(r, c) < lit_max && spread(r, c) < busy ? 1.0f : 0.0f;
    }
  const cv::Mat1f weight = sim::wide_gaussian(lit, sigma);
  const cv::Mat1f weighted = sim::wide_gaussian(cv::Mat1f(sat.mul(lit)), sigma);
  const float prior = static_cast<float>(p.saturation_prior_weight);
  const float prior_sat = static_cast<float>(model.median_saturation);
  const float none = static_cast<float>(p.saturation_none);
  const float span = static_cast<float>(p.saturation_full - p.saturation_none);
  const float gate_band = static_cast<float>(p.saturation_gate) * median_y;
  const float noise = static_cast<float>(p.chroma_noise_levels);
  cv::Mat1f kept(y.size(), 1.0f);
  for (int r = 0; r < y.rows; ++r)
    for (int c = 0; c < y.cols; ++c) {
      // Tested fully from a tenth below the median skin's luma, not at all at it.
      const float gate = std::clamp((median_y - y(r, c)) / std::max(gate_band, 1.0f), 0.0f, 1.0f);
      if (gate <= 0) continue;
      const float ref = (weighted(r, c) + prior * prior_sat) / (weight(r, c) + prior);
      // Some chroma is noise (JPEG, sensor): forgiven to the pixel tested (the lit skin's
      // reference, averaged over many pixels, has little), so the small chroma of dark skin or
      // of a pale photo does not read grey.
      const float expected = std::max(ref * std::max(y(r, c), 16.0f), 1e-3f);
      const float ratio = std::min(1.0f, (chroma_of(ycrcb(r, c)) + noise) / expected);
      const float share = std::clamp((ratio - none) / span, 0.0f, 1.0f);
      kept(r, c) = 1.0f - gate * (1.0f - share);
    }
  return kept;
}

}  // namespace

SkinVisibility skin_visibility(const cv::Mat3b& ycrcb, const cv::Mat1b& head, const cv::Mat1b& skin,
                               const cv::Mat1b& hair, const SkinModel& model, const VisibilityParams& p) {
  SkinVisibility out;
  out.visible = cv::Mat1f(ycrcb.size(), 1.0f);
  out.local = cv::Mat1f(ycrcb.size(), 1.0f);
  const double head_area = cv::countNonZero(head);
  if (!model.valid || head_area < 100) return out;
  const double head_size = std::sqrt(head_area);

  cv::Mat1f y, cr, cb;
  {
    cv::Mat planes[3];
    cv::split(ycrcb, planes);
    planes[0].convertTo(y, CV_32F);
    planes[1].convertTo(cr, CV_32F);
    planes[2].convertTo(cb, CV_32F);
  }
  // The dome's slow shading, measured on the skin: luma relative to it tells hair from shadow.
  cv::Mat1f skin_weight;
  const cv::Mat1f shade = masked_blur(y, skin, p.shading_sigma_frac * head_size, skin_weight);
  const float median_y = static_cast<float>(std::max(model.median_y, 1.0));
  cv::Mat1f yc(y.size());
  for (int r = 0; r < y.rows; ++r)
    for (int c = 0; c < y.cols; ++c) {
      const float s = skin_weight(r, c) > 0.02f ? shade(r, c) : median_y;
      yc(r, c) = y(r, c) * std::clamp(median_y / std::max(s, 1.0f), 0.5f, 2.0f);
    }

  // Hair colour of this photo, from the pixels the skin model rejected on the head.
  cv::Mat1b hair_on_head;
  cv::bitwise_and(hair, head, hair_on_head);
  const double n_hair = cv::countNonZero(hair_on_head);
  cv::Vec3f h(static_cast<float>(0.3 * median_y), 128.0f, 128.0f);
  if (n_hair >= p.min_hair_frac * head_area) {
    // The darker part of the rejected pixels: hair proper, not skin in deep shadow. Not only
    // the darkest: lit strands of brown hair are hair too, and a hair colour taken from the
    // shadows between strands alone makes them read as skin.
    std::vector<float> ys;
    ys.reserve(static_cast<std::size_t>(n_hair));
    for (int r = 0; r < yc.rows; ++r)
      for (int c = 0; c < yc.cols; ++c)
        if (hair_on_head(r, c)) ys.push_back(yc(r, c));
    const double q = std::clamp(p.hair_colour_quantile, 0.0, 1.0);
    const std::size_t k = std::min(ys.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ys.size())));
    std::nth_element(ys.begin(), ys.begin() + static_cast<std::ptrdiff_t>(k), ys.end());
    const float y_cut = ys[k];
    cv::Mat1b dark;
    cv::compare(yc, y_cut, dark, cv::CMP_LE);
    dark &= hair_on_head;
    if (cv::countNonZero(dark) > 20) hair_on_head = dark;
    h = cv::Vec3f(static_cast<float>(cv::mean(yc, hair_on_head)[0]), static_cast<float>(cv::mean(cr, hair_on_head)[0]),
                  static_cast<float>(cv::mean(cb, hair_on_head)[0]));
  }
  const cv::Vec3f s(median_y, static_cast<float>(model.mean[0]), static_cast<float>(model.mean[1]));
  const cv::Vec3f d = s - h;
  const float d2 = d.dot(d);
  if (std::sqrt(d2) < p.min_contrast) return out;

  // Local luma spread: strands are busy, skin is smooth apart from pores. A pixel is smooth
  // when any 5x5 window holding it is: bare skin beside the edge of the hair has busy windows
  // that straddle the edge, and hiding the dots there draws a pale rim around the hair, while
  // skin between strands has no smooth window at all.
  cv::Mat1f mean, sq, spread;
  const cv::Size window(5, 5);
  cv::blur(y, mean, window);
  cv::blur(y.mul(y), sq, window);
  cv::subtract(sq, mean.mul(mean), spread);
  cv::sqrt(cv::max(spread, 0.0), spread);
  cv::erode(spread, spread, cv::getStructuringElement(cv::MORPH_RECT, window));
  const float t_full = static_cast<float>(p.smooth_full), t_none = static_cast<float>(p.smooth_none);
  const float lo = static_cast<float>(p.hair_end), span = static_cast<float>(p.skin_start - p.hair_end);
  const float c_full = static_cast<float>(p.skin_chroma_full), c_none = static_cast<float>(p.skin_chroma_none);
  const auto hue_of = [c_full, c_none](double chroma_distance) {
    return std::clamp((c_none - static_cast<float>(chroma_distance)) / (c_none - c_full), 0.0f, 1.0f);
  };
  const cv::Mat1f grey = saturation_kept(ycrcb, y, skin, spread, model, median_y, p.shading_sigma_frac * head_size, p);
  cv::Mat1f colour(y.size());
  for (int r = 0; r < y.rows; ++r)
    for (int c = 0; c < y.cols; ++c) {
      const cv::Vec3f v(yc(r, c) - h[0], cr(r, c) - h[1], cb(r, c) - h[2]);
      const float mix = v.dot(d) / d2;
      // Skin must also have the skin's hue: lit or shiny strands are bright but not skin-coloured.
      const float hue = hue_of(model.chroma_distance(cv::Vec2d(cr(r, c) - model.mean[0], cb(r, c) - model.mean[1])));
      const float smooth = std::clamp((t_none - spread(r, c)) / (t_none - t_full), 0.0f, 1.0f);
      // The share of skin over an area: a pixel mixing strands thinner than itself with the skin
      // between them has the chroma of that mix, not the skin's, so its chroma is measured
      // against the point of the hair-to-skin line the pixel projects onto (the skin's own at 1).
      const float m01 = std::clamp(mix, 0.0f, 1.0f);
      const float hue_mix =
          hue_of(model.chroma_distance(cv::Vec2d(cr(r, c) - (h[1] + m01 * d[1]), cb(r, c) - (h[2] + m01 * d[2]))));
      colour(r, c) = std::clamp((std::min(mix, hue_mix) - lo) / span, 0.0f, 1.0f);
      out.visible(r, c) = std::clamp((std::min({mix, hue, smooth, grey(r, c)}) - lo) / span, 0.0f, 1.0f);
    }
  // A dot is wider than a gap of one pixel: skin shows only where its neighbours are skin too.
  cv::erode(out.visible, out.visible, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  cv::Mat1f head_weight;
  // Hair density from colour alone: the strands of thinning hair make the skin between them
  // busy too, which must not make a thinning area look thick.
  out.local = masked_blur(colour, head, p.area_sigma_frac * head_size, head_weight);
  out.valid = true;
  return out;
}

cv::Mat1b thick_hair_mask(const SkinVisibility& v, const cv::Mat1b& head, const VisibilityParams& p) {
  cv::Mat1b out;
  cv::compare(v.local, p.thick_below, out, cv::CMP_LT);
  out &= head;
  return out;
}

}  // namespace smp::sim::detect
