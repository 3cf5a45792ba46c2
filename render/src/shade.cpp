#include "smp/render/shade.hpp"

#include "smp/render/blur_field.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/look_metrics.hpp"
#include "smp/render/photo_optics.hpp"
#include "smp/render/stubble.hpp"
#include "smp/sim/mask_ops.hpp"
#include "smp/sim/param_table.hpp"

#include "pixel_sample.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::render {

namespace {

// Pixels of `photo` under `mask`, at most ~250k of them to stay fast on large photos.
std::vector<cv::Vec3f> masked_pixels(const cv::Mat3b& photo, const cv::Mat1b& mask) {
  return sample_under(photo, mask, 250000.0);
}

}  // namespace

double luminance(const cv::Vec3f& c) { return 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2]; }

namespace {

// The mask's bounding box in photo px (empty mask or none set: the whole photo).
cv::Rect mask_region(const cv::Mat3b& photo, const cv::Mat1b& mask) {
  if (mask.empty()) return {0, 0, photo.cols, photo.rows};
  const cv::Rect b = cv::boundingRect(mask);
  if (b.area() == 0) return {0, 0, photo.cols, photo.rows};
  const double sx = static_cast<double>(photo.cols) / mask.cols, sy = static_cast<double>(photo.rows) / mask.rows;
  // Mask pixel edges land on photo pixel edges up to rounding (a whole-photo mask gives the
  // whole photo).
  const auto at = [](int v, double scale) { return static_cast<int>(std::lround(v * scale)); };
  return cv::Rect(cv::Point(at(b.x, sx), at(b.y, sy)), cv::Point(at(b.br().x, sx), at(b.br().y, sy)));
}

// Mean share of skin that strands leave visible over the treated bare scalp: the work shows
// through it.
double visible_share(const sim::Plan& plan) {
  if (plan.masks.occlusion.empty()) return 1.0;
  const cv::Mat1b bare = bare_treated(plan);
  if (bare.empty() || cv::countNonZero(bare) == 0) return 1.0;
  cv::Mat1b occ;
  cv::resize(plan.masks.occlusion, occ, bare.size(), 0, 0, cv::INTER_NEAREST);
  return 1.0 - cv::mean(occ, bare)[0] / 255.0;
}

}  // namespace

PhotoTone estimate_photo_tone(const cv::Mat3b& photo, const cv::Mat1b& mask) {
  std::vector<cv::Vec3f> px = masked_pixels(photo, mask);
  if (px.size() < 50) px = masked_pixels(photo, {});
  PhotoTone tone;
  if (px.empty()) return tone;
  const cv::Rect region = mask_region(photo, mask);
  const PhotoOptics optics = estimate_photo_optics(photo, region);
  double blur = optics.blur_sigma_px;
  // Too few edges in the region (a small or smooth treated area) say nothing about the blur,
  // not that the photo is sharp: the whole photo went through the same optics, and a photo
  // with no usable edge at all still has the camera's own softness. (A region that is the
  // whole photo was that measurement already.)
  if (optics.edges == 0 && region != cv::Rect(0, 0, photo.cols, photo.rows))
    blur = estimate_photo_optics(photo).blur_sigma_px;
  if (blur <= 0) blur = OpticsParams{}.min_sigma_px;
  tone.blur_sigma_px = static_cast<float>(blur);
  tone.noise_sigma = static_cast<float>(optics.noise_sigma);
  std::vector<double> lum;
  lum.reserve(px.size());
  for (const auto& c : px) lum.push_back(luminance(c));
  // Highlights say little about the diffuse skin colour, nor do shadows and stray hair: the
  // upper-middle band is skin even where hair covers much of the mask.
  const double lo = percentile(lum, 0.45), hi = percentile(lum, 0.85);
  std::vector<double> b, g, r;
  for (const auto& c : px) {
    const double l = luminance(c);
    if (l < lo || l > hi) continue;
    b.push_back(c[0]);
    g.push_back(c[1]);
    r.push_back(c[2]);
  }
  if (r.empty()) return tone;
  tone.skin_bgr = {static_cast<float>(percentile(b, 0.5)), static_cast<float>(percentile(g, 0.5)),
                   static_cast<float>(percentile(r, 0.5))};
  return tone;
}

namespace {

// The plan's hair mask at its treatment mask's size; empty when either is.
cv::Mat1b hair_over_treatment(const sim::Plan& plan) {
  cv::Mat1b hair;
  if (!plan.masks.treatment.empty() && !plan.masks.hair.empty())
    cv::resize(plan.masks.hair, hair, plan.masks.treatment.size(), 0, 0, cv::INTER_NEAREST);
  return hair;
}

// The skin a plan's tone is measured on: its bare treated area (hair left out) when that holds
// enough pixels, else the whole treatment area.
cv::Mat1b tone_skin(const sim::Plan& plan) {
  const cv::Mat1b hair = hair_over_treatment(plan);
  if (hair.empty()) return plan.masks.treatment;
  const cv::Mat1b bare = sim::without(plan.masks.treatment, hair);
  return cv::countNonZero(bare) > 200 ? bare : plan.masks.treatment;
}

}  // namespace

PhotoTone estimate_plan_skin_tone(const cv::Mat3b& photo, const sim::Plan& plan) {
  return estimate_photo_tone(photo, tone_skin(plan));
}

PhotoTone estimate_plan_tone(const cv::Mat3b& photo, const sim::Plan& plan) {
  PhotoTone tone = estimate_plan_skin_tone(photo, plan);
  // That blur is the photo's where it is sharpest; a close-up is softer where the head falls
  // out of focus, and dots there are drawn as soft. Measured on the head: treatment and hair.
  const cv::Mat1b hair = hair_over_treatment(plan);
  const cv::Mat1b head = hair.empty() ? plan.masks.treatment : sim::either(plan.masks.treatment, hair);
  tone.blur_field = estimate_blur_field(photo, head, tone.blur_sigma_px, plan.calibration.px_per_mm);
  return tone;
}

double healed_core_od(const sim::Plan& plan, double px_per_mm, const AppearanceParams& params) {
  sim::Plan one;
  one.calibration.px_per_mm = px_per_mm;
  one.params.needle = plan.params.needle;
  one.params.pigment.depth_mm = plan.params.pigment.depth_mm;
  one.params.pigment.dilution_pct = 0;
  one.params.pigment.session_offsets_pct.clear();
  const int side = 2 * static_cast<int>(std::ceil(plan.params.needle.diameter_mm * px_per_mm)) + 9;
  one.photo = {"", "", side, side};
  // The median impression, drawn without variation: its size through the healed dot's size,
  // its load through the pigment's density (both scale the dot exactly as the variation does).
  const ImpressionVariation median = median_impression(params);
  AppearanceParams p = params;
  p.size_variation = p.opacity_variation = p.elongation = 0;
  p.healed_size_fraction *= median.size;
  p.pigment_od *= median.opacity;
  const float c = static_cast<float>(side) / 2.0f;
  const sim::Impression imp{cv::Point2f(c, c), 7u, 1};
  const cv::Mat1f od = pigment_layer({side, side}, 1.0, one, std::span(&imp, 1), p);
  double peak = 0;
  cv::minMaxLoc(od, nullptr, &peak);
  return peak;
}

double dilution_for_ratio(double ratio, const sim::Plan& plan, const AppearanceParams& params, const ShadeParams& shade) {
  // Solve veil + (1 - veil) exp(-c * OD0 * a) = ratio on the green channel (closest to luminance).
  const ApplyUniforms u = apply_uniforms(plan.params.pigment.depth_mm, PhotoTone{}, params);
  const double veil = u.veil_bgr[1], a = u.absorption_bgr[1];
  const double od0 = healed_core_od(plan, shade.reference_px_per_mm, params);
  const double t = std::clamp((ratio - veil) / (1.0 - veil), 1e-3, 1.0);
  const double conc = od0 > 0 ? -std::log(t) / (a * od0) : 0.0;
  return std::clamp(100.0 * (1.0 - conc), shade.min_dilution_pct, shade.max_dilution_pct);
}

double eyedropper_dilution(const cv::Mat3b& photo, cv::Rect region, const PhotoTone& tone, const sim::Plan& plan,
                           const AppearanceParams& params, const ShadeParams& shade) {
  region &= cv::Rect(0, 0, photo.cols, photo.rows);
  if (region.area() == 0) return plan.params.pigment.dilution_pct;
  const cv::Scalar mean = cv::mean(photo(region));
  const double ratio = luminance(cv::Vec3f(static_cast<float>(mean[0]), static_cast<float>(mean[1]), static_cast<float>(mean[2]))) /
                       std::max(luminance(tone.skin_bgr), 1.0);
  // The sample is an area of stubble or hair with skin between the strands, so its mean is
  // matched by the healed work's mean, as seen at arm's length (matching a dot's centre to it
  // would send any mid-grey to an end of the shade range).
  return dilution_for_darkening(std::clamp(1.0 - ratio, 0.0, 1.0), plan, tone, params, shade);
}

std::optional<double> hair_dilution(const cv::Mat3b& photo, const PhotoTone& tone, const sim::Plan& plan,
                                    const AppearanceParams& params, const ShadeParams& shade) {
  if (plan.masks.hair.empty()) return std::nullopt;
  const std::vector<cv::Vec3f> px = masked_pixels(photo, plan.masks.hair);
  if (static_cast<int>(px.size()) < shade.min_hair_pixels) return std::nullopt;
  std::vector<double> lum;
  lum.reserve(px.size());
  for (const auto& c : px) lum.push_back(luminance(c));
  const double hair = percentile(lum, shade.hair_percentile);
  const double ratio = std::min(hair / std::max(luminance(tone.skin_bgr), 1.0), 1.0);
  return dilution_for_ratio(ratio + shade.hair_lighten * (1.0 - ratio), plan, params, shade);
}

void suggest_shades(const cv::Mat3b& photo, sim::Plan& plan, const AppearanceParams& params, const ShadeParams& shade) {
  suggest_shades(photo, sim::make_analysis_image(photo), plan, params, shade);
}

void suggest_shades(const cv::Mat3b& photo, const sim::AnalysisImage& analysis, sim::Plan& plan,
                    const AppearanceParams& params, const ShadeParams& shade) {
  // The skin and the sharpest blur; where the blur varies matters to drawing the dots only.
  const PhotoTone tone = estimate_plan_skin_tone(photo, plan);
  // A strand 0.1 mm wide spans about a pixel through the photo's own blur (an enlarged photo
  // has many pixels per mm and resolves no more than the original did). Only such a photo
  // shows the strands' own tone; a softer one blurs them toward the skin.
  const double sharp_px_per_mm = plan.calibration.px_per_mm / std::max(1.0, static_cast<double>(tone.blur_sigma_px));
  const bool strands_resolved = sharp_px_per_mm >= shade.min_strand_px_per_mm;
  // Matched to the client's own stubble when the photo shows some, within what reads as SMP.
  double target = shade.bald_target_darkening;
  double darkest_allowed = shade.min_dilution_pct;
  // Dots as light as shaved strands, and more of them: darker dots at a lower density read as
  // pepper beside real, finer hair (a preference: darker only once density is at its cap). The
  // tone is that of typical shaved strands, or of the client's own where the photo resolves
  // them and they are lighter. So a photo too soft to resolve strands gets the same density as
  // a sharp photo of the same head, unless the client's strands are lighter than typical ones.
  // Grey strands the photo resolves are a limit (dots never darker), and stubble too light to
  // imitate gets light dots (a preference, so the work still reads as stubble).
  double strand_ratio = shade.typical_strand_ratio;
  if (const auto stubble = measure_stubble(photo, analysis, plan)) {
    target = stubble->grey_or_white ? shade.min_target_darkening
                                    : std::clamp(stubble->contrast, shade.min_target_darkening, shade.max_target_darkening);
    // Strands over thinning skin hide part of the work: on fully visible skin it reads darker,
    // never past the band a client reads as stubble.
    target = std::min(target / std::max(visible_share(plan), 0.5), shade.max_visible_darkening);
    if (strands_resolved || stubble->grey_or_white) strand_ratio = std::max(strand_ratio, stubble->strand_ratio);
    if (stubble->grey_strands && !stubble->grey_or_white && strands_resolved)
      darkest_allowed = std::max(darkest_allowed, dilution_for_ratio(strand_ratio, plan, params, shade));
  }
  const double lightest_wanted = std::max(darkest_allowed, dilution_for_ratio(strand_ratio, plan, params, shade));
  // Work lighter than the target at that shade: denser. Darkening grows a little less than in
  // proportion to density (dots overlap), so the step is repeated.
  const double max_density = sim::find_param("density_per_cm2")->max;
  double darkening = predicted_darkening(plan, lightest_wanted, tone, params, shade);
  for (int step = 0; step < shade.density_steps && darkening > 0 && darkening < target - shade.darkening_tolerance &&
                     plan.params.density_per_cm2 < max_density;
       ++step) {
    plan.params.density_per_cm2 = std::min(max_density, plan.params.density_per_cm2 * target / darkening);
    darkening = predicted_darkening(plan, lightest_wanted, tone, params, shade);
  }
  plan.params.pigment.dilution_pct = std::max(darkest_allowed, dilution_for_darkening(target, plan, tone, params, shade));
  plan.params.pigment.hair_dilution_pct = hair_dilution(photo, tone, plan, params, shade);
}

}  // namespace smp::render
