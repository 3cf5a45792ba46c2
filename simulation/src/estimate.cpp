#include "smp/sim/estimate.hpp"

#include <algorithm>

namespace smp::sim {

double treated_area_cm2(const DensityField& field, double plan_density_per_cm2) {
  if (field.density.empty() || field.px_per_mm <= 0) return 0;
  const float threshold = static_cast<float>(kTreatedDensityFraction * plan_density_per_cm2);
  double sum_px = 0;  // in field pixels, weighted by the surface area factor
  for (int y = 0; y < field.density.rows; ++y) {
    const float* d = field.density.ptr<float>(y);
    const float* a = field.area_factor.empty() ? nullptr : field.area_factor.ptr<float>(y);
    for (int x = 0; x < field.density.cols; ++x)
      if (d[x] >= threshold) sum_px += a ? a[x] : 1.0;
  }
  const double photo_px2 = sum_px * field.photo_px2_per_field_px();
  return photo_px2 / (field.px_per_mm * field.px_per_mm) / 100.0;
}

Estimate make_estimate(const DensityField& field, double plan_density_per_cm2, int sessions,
                       std::span<const Impression> impressions, const ClinicRates& rates) {
  Estimate e;
  e.sessions = std::max(sessions, 1);
  e.currency = rates.currency;
  e.area_cm2 = treated_area_cm2(field, plan_density_per_cm2);
  e.area_sq_in = e.area_cm2 / kCm2PerSqIn;
  e.impressions_per_session.assign(static_cast<std::size_t>(e.sessions), 0);
  for (const Impression& imp : impressions) {
    const int s = std::clamp<int>(imp.session, 1, e.sessions);
    ++e.impressions_per_session[static_cast<std::size_t>(s - 1)];
  }
  e.impressions = static_cast<long>(impressions.size());
  apply_rates(e, rates);
  return e;
}

void apply_rates(Estimate& e, const ClinicRates& rates) {
  e.area_sq_in = e.area_cm2 / kCm2PerSqIn;
  if (rates.impressions_per_hour_max > 0 && rates.impressions_per_hour_min > 0) {
    e.hours_min = static_cast<double>(e.impressions) / rates.impressions_per_hour_max;
    e.hours_max = static_cast<double>(e.impressions) / rates.impressions_per_hour_min;
  }
  e.cost_min = std::max(e.area_sq_in * rates.price_per_sq_in_min, rates.minimum_price);
  e.cost_max = std::max(e.area_sq_in * rates.price_per_sq_in_max, rates.minimum_price);
}

}  // namespace smp::sim
