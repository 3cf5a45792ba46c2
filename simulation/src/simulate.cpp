#include "smp/sim/simulate.hpp"

#include "smp/sim/estimate_flags.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace smp::sim {

Simulation simulate(const Plan& plan, const SimulationSettings& settings) {
  if (const std::string problem = validate(plan); !problem.empty()) throw std::invalid_argument(problem);
  Simulation s;
  s.field = build_density_field(plan, settings.field);
  s.impressions = place_all_sessions(s.field, plan.params.sessions, plan.params.seed, settings.placement);
  s.estimate = make_estimate(s.field, plan.params.density_per_cm2, plan.params.sessions, s.impressions, settings.rates);
  return s;
}

EstimateRemarks estimate_remarks(const Plan& plan, const Simulation& simulation) {
  const EstimateFlags flags = estimate_flags(plan, simulation.field);
  EstimateRemarks r;
  r.confirm_in_person = flags.confirm_in_person();
  r.notes = flags.reasons;
  if (!plan.calibration.measured)
    r.notes.push_back("Scale estimated (" + plan.calibration.source + "): measure two points on the scalp for a firm quote.");
  return r;
}

std::string estimate_to_json(const Estimate& e, const Plan& plan, const EstimateRemarks& remarks) {
  // Divide by the inverse step: 61 / 10 prints as 6.1, while 61 * 0.1 prints as 6.1000000000000005.
  auto round_to = [](double v, double step) { return std::round(v / step) / (1.0 / step); };
  nlohmann::json j = {
      {"area_cm2", round_to(e.area_cm2, 0.01)},
      {"area_sq_in", round_to(e.area_sq_in, 0.01)},
      {"impressions", e.impressions},
      {"impressions_per_session", e.impressions_per_session},
      {"sessions", e.sessions},
      {"hours_min", round_to(e.hours_min, 0.1)},
      {"hours_max", round_to(e.hours_max, 0.1)},
      {"cost_min", round_to(e.cost_min, 1.0)},
      {"cost_max", round_to(e.cost_max, 1.0)},
      {"currency", e.currency},
      {"density_per_cm2", plan.params.density_per_cm2},
      {"calibration", {{"px_per_mm", plan.calibration.px_per_mm}, {"measured", plan.calibration.measured}, {"source", plan.calibration.source}}},
      {"confirm_in_person", remarks.confirm_in_person},
      {"notes", remarks.notes},
      {"warnings", remarks.warnings},
  };
  return j.dump(2) + "\n";
}

}  // namespace smp::sim
