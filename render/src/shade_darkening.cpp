// Shade from the arm's-length look: the dilution whose healed result darkens bare skin by a
// given share, found by rendering a small uniform patch of the plan's own work.
#include "smp/render/compositor.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

double predicted_darkening(const sim::Plan& plan, double dilution_pct, const PhotoTone& tone,
                           const AppearanceParams& params, const ShadeParams& shade) {
  const double ppm = shade.reference_px_per_mm;
  const int side = static_cast<int>(std::ceil(shade.patch_mm * ppm));
  sim::Plan patch;
  patch.photo = {"", "", side, side};
  patch.calibration = {ppm, true, "two-point"};
  patch.head.midline_origin = {side / 2.0, side / 2.0};
  patch.params = plan.params;
  patch.params.pigment.dilution_pct = dilution_pct;
  patch.params.pigment.hair_dilution_pct.reset();
  patch.masks.treatment = cv::Mat1b(side, side, 255);
  const sim::Simulation s = sim::simulate(patch);
  PhotoTone t = tone;
  t.blur_sigma_px = static_cast<float>(shade.reference_blur_px);
  t.blur_field = {};  // the reference patch is seen through the reference blur alone
  const PigmentLayers layers = pigment_layers({side, side}, 1.0, patch, s.impressions, t, params);
  // The patch's border is thinner (no neighbours beyond it): measure its middle.
  const int m = side / 6;
  const cv::Mat1f od = layers.od(cv::Rect(m, m, side - 2 * m, side - 2 * m));
  const cv::Vec3f skin = tone.skin_bgr;
  double sum = 0;
  for (int y = 0; y < od.rows; ++y)
    for (int x = 0; x < od.cols; ++x) sum += luminance(apply_formula(skin, od(y, x), 0, layers.uniforms));
  return 1.0 - sum / static_cast<double>(od.total()) / std::max(luminance(skin), 1.0);
}

double dilution_for_darkening(double target, const sim::Plan& plan, const PhotoTone& tone,
                              const AppearanceParams& params, const ShadeParams& shade) {
  // Darkening falls as dilution rises: bisect.
  double lo = shade.min_dilution_pct, hi = shade.max_dilution_pct;
  if (predicted_darkening(plan, lo, tone, params, shade) <= target) return lo;
  if (predicted_darkening(plan, hi, tone, params, shade) >= target) return hi;
  for (int i = 0; i < 12 && hi - lo > 0.25; ++i) {
    const double mid = 0.5 * (lo + hi);
    (predicted_darkening(plan, mid, tone, params, shade) > target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace smp::render
