#pragma once
// Area, impressions, sessions, hours and cost of a plan, from clinic rates.

#include "smp/sim/density_field.hpp"
#include "smp/sim/placement.hpp"

#include <span>
#include <string>
#include <vector>

namespace smp::sim {

constexpr double kCm2PerSqIn = 6.4516;

// Clinic settings used for the estimate (every value is the clinic's to change).
struct ClinicRates {
  double price_per_sq_in_min = 60.0;  // full-scalp work, per square inch of treated area
  double price_per_sq_in_max = 75.0;
  double minimum_price = 0.0;         // a floor for small areas
  std::string currency = "USD";
  double impressions_per_hour_min = 3000.0;  // a slower, careful technician
  double impressions_per_hour_max = 5000.0;  // an experienced technician
};

struct Estimate {
  double area_cm2 = 0;     // treated scalp area (surface area when perspective is known)
  double area_sq_in = 0;
  std::vector<long> impressions_per_session;
  long impressions = 0;    // total over all sessions
  int sessions = 0;
  double hours_min = 0, hours_max = 0;  // total needle time over all sessions
  double cost_min = 0, cost_max = 0;
  std::string currency;
};

// Treated area: field pixels whose target density is at least this fraction of the plan's
// density (the micro-irregularity zone in front of the hairline counts, bare skin does not).
constexpr double kTreatedDensityFraction = 0.10;

// Treated area in cm^2 of scalp from a density field.
double treated_area_cm2(const DensityField& field, double plan_density_per_cm2);

// Fills area_sq_in, hours and cost from area_cm2 and impressions with the clinic rates.
void apply_rates(Estimate& e, const ClinicRates& rates);

Estimate make_estimate(const DensityField& field, double plan_density_per_cm2, int sessions,
                       std::span<const Impression> impressions, const ClinicRates& rates = {});

}  // namespace smp::sim
