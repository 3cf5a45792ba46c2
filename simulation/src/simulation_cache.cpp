#include "smp/sim/simulation_cache.hpp"

#include "smp/sim/estimate.hpp"
#include "smp/sim/incremental_placement.hpp"
#include "smp/sim/mask_ops.hpp"

#include <stdexcept>

namespace smp::sim {

namespace {

bool same_density_params(const PlanParams& a, const PlanParams& b) {
  return a.density_per_cm2 == b.density_per_cm2 && a.transition_mm == b.transition_mm &&
         a.irregularity == b.irregularity && a.scar_density_factor == b.scar_density_factor &&
         a.hair_blend.blend_mm == b.hair_blend.blend_mm && a.hair_blend.density_fraction == b.hair_blend.density_fraction &&
         a.perspective.enabled == b.perspective.enabled && a.perspective.dome_ratio == b.perspective.dome_ratio &&
         a.perspective.min_cos == b.perspective.min_cos && a.sessions == b.sessions && a.seed == b.seed;
}

Plan deep_copy_placement_inputs(const Plan& plan) {
  Plan copy = plan;
  copy.masks.treatment = plan.masks.treatment.clone();
  copy.masks.scar = plan.masks.scar.clone();
  copy.masks.exclusion = plan.masks.exclusion.clone();
  copy.masks.hair = plan.masks.hair.clone();
  copy.masks.occlusion.release();  // not placement inputs
  copy.masks.bald.release();
  return copy;
}

// Every placement input but the hairline and the mask pixels (whose effect the density
// fields show, pixel by pixel).
bool same_inputs_but_regions(const Plan& a, const Plan& b) {
  return a.photo.width == b.photo.width && a.photo.height == b.photo.height &&
         a.calibration.px_per_mm == b.calibration.px_per_mm && a.head == b.head &&
         same_density_params(a.params, b.params);
}

// What the hairline term reads (hairline_term_mm): the line, head frame, photo and mask sizes,
// calibration, and the transition, irregularity and seed.
bool same_hairline_term_inputs(const Plan& a, const Plan& b) {
  return a.photo.width == b.photo.width && a.photo.height == b.photo.height &&
         a.calibration.px_per_mm == b.calibration.px_per_mm && a.head == b.head &&
         a.masks.treatment.size() == b.masks.treatment.size() && a.params.transition_mm == b.params.transition_mm &&
         a.params.irregularity == b.params.irregularity && a.params.seed == b.params.seed && a.hairline == b.hairline;
}

// What the edge term reads (edge_term_mm): the treatment and hair masks, photo size, calibration.
bool same_edge_term_inputs(const Plan& a, const Plan& b) {
  return a.photo.width == b.photo.width && a.photo.height == b.photo.height &&
         a.calibration.px_per_mm == b.calibration.px_per_mm && same_pixels(a.masks.treatment, b.masks.treatment) &&
         same_pixels(a.masks.hair, b.masks.hair);
}

}  // namespace

bool same_placement_inputs(const Plan& a, const Plan& b) {
  return same_inputs_but_regions(a, b) && a.hairline == b.hairline && same_pixels(a.masks.treatment, b.masks.treatment) &&
         same_pixels(a.masks.scar, b.masks.scar) && same_pixels(a.masks.exclusion, b.masks.exclusion) &&
         same_pixels(a.masks.hair, b.masks.hair);
}

std::shared_ptr<const Simulation> SimulationCache::simulate(const Plan& plan, const SimulationSettings& settings) {
  const bool same_settings = last_ && inputs_ && field_params_ == settings.field && placement_params_ == settings.placement;
  reused_ = same_settings && same_placement_inputs(*inputs_, plan);
  incremental_ = false;
  if (const std::string problem = validate(plan); !problem.empty()) throw std::invalid_argument(problem);
  auto s = std::make_shared<Simulation>();
  if (reused_) {
    s->field = last_->field;  // shares the (never modified) field pixels
    s->impressions = last_->impressions;
    replaced_ = 0;
  } else {
    // The hairline term reads no mask pixels and no density: a brush stroke or a density
    // change keeps it.
    const bool same_field_settings = last_ && inputs_ && field_params_ == settings.field;
    const bool same_hairline = same_field_settings && same_hairline_term_inputs(*inputs_, plan);
    if (!same_hairline)
      hairline_mm_ = same_settings && same_inputs_but_regions(*inputs_, plan) &&
                             inputs_->masks.treatment.size() == plan.masks.treatment.size()
                         ? update_hairline_term_mm(*inputs_, hairline_mm_, plan, settings.field)
                         : hairline_term_mm(plan, settings.field);
    // The edge term reads only the treatment and hair masks: a hairline drag or a density
    // change keeps it.
    if (!inputs_ || !same_edge_term_inputs(*inputs_, plan) || edge_mm_.empty()) edge_mm_ = edge_term_mm(plan);
    s->field = build_density_field(plan, settings.field, &hairline_mm_, &edge_mm_);
    if (same_settings && same_inputs_but_regions(*inputs_, plan)) {
      // Only the hairline or a mask changed: re-place where the density did, when that is small.
      if (auto r = replace_changed_region(last_->field, s->field, last_->impressions, plan.params.sessions,
                                          plan.params.seed, settings.placement)) {
        s->impressions = std::move(r->impressions);
        replaced_ = r->replaced;
        incremental_ = true;
      }
    }
    if (!incremental_) {
      s->impressions = place_all_sessions(s->field, plan.params.sessions, plan.params.seed, settings.placement);
      replaced_ = s->impressions.size();
    }
    inputs_ = deep_copy_placement_inputs(plan);
    field_params_ = settings.field;
    placement_params_ = settings.placement;
  }
  s->estimate = make_estimate(s->field, plan.params.density_per_cm2, plan.params.sessions, s->impressions, settings.rates);
  last_ = s;
  return last_;
}

}  // namespace smp::sim
