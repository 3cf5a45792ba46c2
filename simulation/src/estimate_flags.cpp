#include "smp/sim/estimate_flags.hpp"

#include "smp/sim/estimate.hpp"
#include "smp/sim/hairline_curve.hpp"

#include <opencv2/imgproc.hpp>

#include <cstdio>

namespace smp::sim {

namespace {

// Scar tissue inside the treatment area, in cm^2 through the calibration.
double scar_area_cm2(const Plan& plan) {
  const cv::Mat1b& scar = plan.masks.scar;
  if (scar.empty() || plan.photo.width <= 0 || plan.photo.height <= 0) return 0;
  cv::Mat1b inside = cv::Mat(scar > 0);
  if (!plan.masks.treatment.empty()) {
    cv::Mat1b treat;
    cv::resize(plan.masks.treatment, treat, scar.size(), 0, 0, cv::INTER_NEAREST);
    inside &= treat > 0;
  }
  const double photo_px2_per_mask_px = static_cast<double>(plan.photo.width) * plan.photo.height / static_cast<double>(scar.total());
  const double ppm = plan.calibration.px_per_mm;
  return cv::countNonZero(inside) * photo_px2_per_mask_px / (ppm * ppm) / 100.0;
}

// Share of the treated field pixels within `band_mm` behind (or in front of) the hairline.
double hairline_band_share(const Plan& plan, const DensityField& field, double band_mm) {
  if (!plan.hairline.enabled() || field.density.empty()) return 0;
  const cv::Mat1f dist = hairline_signed_distance(plan.hairline, plan.head, field.photo_size, field.density.size());
  const float threshold = static_cast<float>(kTreatedDensityFraction * plan.params.density_per_cm2);
  const float band_px = static_cast<float>(band_mm * field.px_per_mm);
  long treated = 0, in_band = 0;
  for (int y = 0; y < field.density.rows; ++y) {
    const float* d = field.density.ptr<float>(y);
    const float* s = dist.ptr<float>(y);
    for (int x = 0; x < field.density.cols; ++x) {
      if (d[x] < threshold) continue;
      ++treated;
      if (s[x] <= band_px) ++in_band;
    }
  }
  return treated > 0 ? static_cast<double>(in_band) / static_cast<double>(treated) : 0;
}

}  // namespace

EstimateFlags estimate_flags(const Plan& plan, const DensityField& field, const EstimateFlagParams& params) {
  EstimateFlags f;
  f.scar_area_cm2 = scar_area_cm2(plan);
  char buf[200];
  if (f.scar_area_cm2 >= params.min_scar_cm2) {
    f.scar_camouflage = true;
    std::snprintf(buf, sizeof buf, "Scar camouflage (%.1f cm2 of scar tissue): confirm in person", f.scar_area_cm2);
    f.reasons.emplace_back(buf);
  }
  if (hairline_band_share(plan, field, params.hairline_band_mm) >= params.hairline_only_fraction) {
    f.hairline_only = true;
    std::snprintf(buf, sizeof buf, "Hairline-only work (within %.0f mm of the hairline): confirm in person",
                  params.hairline_band_mm);
    f.reasons.emplace_back(buf);
  }
  return f;
}

}  // namespace smp::sim
