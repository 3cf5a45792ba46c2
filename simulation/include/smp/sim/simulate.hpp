#pragma once
// The whole model for one plan: density field, impressions of every session, estimate.

#include "smp/sim/density_field.hpp"
#include "smp/sim/estimate.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <string>
#include <vector>

namespace smp::sim {

struct Simulation {
  DensityField field;
  std::vector<Impression> impressions;  // ordered by session
  Estimate estimate;
};

struct SimulationSettings {
  DensityFieldParams field;
  PlacementParams placement;
  ClinicRates rates;
};

// Throws std::invalid_argument with the validation message when the plan is invalid.
Simulation simulate(const Plan& plan, const SimulationSettings& settings = {});

// What every estimate file carries besides the numbers, whatever else was asked for.
struct EstimateRemarks {
  bool confirm_in_person = false;      // scar camouflage or hairline-only work
  std::vector<std::string> notes;      // why to confirm, "scale estimated" ...
  std::vector<std::string> warnings;   // problems met on the way (photo moved, ...)
};

// The remarks of one plan's estimate: in-person reasons and the estimated-scale note.
EstimateRemarks estimate_remarks(const Plan& plan, const Simulation& simulation);

// The estimate as JSON text (area_cm2, area_sq_in, impressions, sessions, hours_min,
// hours_max, cost_min, cost_max, currency, plus per-session counts and calibration), and
// always confirm_in_person, notes and warnings.
std::string estimate_to_json(const Estimate& estimate, const Plan& plan, const EstimateRemarks& remarks);

}  // namespace smp::sim
