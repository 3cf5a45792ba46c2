#pragma once
// Work that clinics price only after an in-person look: scar camouflage and hairline-only work. The estimate still shows numbers, but
// marked "confirm in person".

#include "smp/sim/density_field.hpp"
#include "smp/sim/plan.hpp"

#include <string>
#include <vector>

namespace smp::sim {

struct EstimateFlagParams {
  double min_scar_cm2 = 0.25;            // smaller scar marks are brush noise
  double hairline_band_mm = 30.0;        // "hairline work" lies within this distance behind the line
  double hairline_only_fraction = 0.85;  // ... for at least this share of the treated area
};

struct EstimateFlags {
  bool scar_camouflage = false;
  bool hairline_only = false;
  double scar_area_cm2 = 0;
  std::vector<std::string> reasons;  // one line each, for the estimate panel and the report
  bool confirm_in_person() const { return scar_camouflage || hairline_only; }
};

EstimateFlags estimate_flags(const Plan& plan, const DensityField& field, const EstimateFlagParams& params = {});

}  // namespace smp::sim
