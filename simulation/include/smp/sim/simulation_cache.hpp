#pragma once
// Reuses the placed impressions while nothing placement reads has changed. Placement reads the
// photo size, calibration, head frame, hairline, the treatment/scar/exclusion/hair masks and
// the density parameters (density, transition, irregularity, scar factor, hair blend,
// perspective, sessions, seed); shade, needle, depth, years, fresh/healed, lifestyle and the
// clinic's rates do not, so changing only those skips the density field and placement and
// recomputes just the estimate. When only the hairline or a mask changed, the impressions
// outside the region whose density changed are kept and only that region is placed anew
// (replace_changed_region), unless it covers more than a third of the treated area; the
// result then differs from a fresh simulation inside that region only, and passes the same
// density and spacing checks. Whatever is placed again, the density field's two distance
// terms are kept while what each reads is unchanged: the hairline term (the line, head frame,
// sizes, calibration, transition, irregularity, seed; updated near the moved part of the line
// after a drag) and the edge term (the treatment and hair masks). Not thread-safe: one owner
// (e.g. a regeneration worker).

#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <cstddef>
#include <memory>
#include <optional>

namespace smp::sim {

// True when placing `a` and `b` gives the same impressions (every input above equal; mask
// pixels compared byte for byte).
bool same_placement_inputs(const Plan& a, const Plan& b);

class SimulationCache {
 public:
  // simulate(plan, settings), with the field and impressions of the previous call reused when
  // its placement inputs equal this one's. Throws as simulate does on an invalid plan.
  std::shared_ptr<const Simulation> simulate(const Plan& plan, const SimulationSettings& settings = {});
  // Whether the last call reused the placement.
  bool reused() const { return reused_; }
  // Whether the last call re-placed only the changed region (kept the rest).
  bool incremental() const { return incremental_; }
  // Impressions the last call placed: all of them, those of the changed region, or 0.
  std::size_t replaced() const { return replaced_; }

 private:
  std::optional<Plan> inputs_;  // the placed plan, masks deep-copied (callers may paint theirs)
  DensityFieldParams field_params_;
  PlacementParams placement_params_;
  std::shared_ptr<const Simulation> last_;
  cv::Mat1f hairline_mm_;  // the placed plan's hairline term (hairline_term_mm)
  cv::Mat1f edge_mm_;      // and its edge term (edge_term_mm)
  bool reused_ = false;
  bool incremental_ = false;
  std::size_t replaced_ = 0;
};

}  // namespace smp::sim
