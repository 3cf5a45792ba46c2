#pragma once
// The compositor's unit of work: one needle touch, fully described by where it is and what
// it looks like (a Gaussian of optical density). Everything the appearance model decides
// per impression or per touch ends up in these fields, so the splatting loop never needs
// to know the model.

#include "smp/render/appearance.hpp"
#include "smp/render/compositor.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <span>
#include <vector>

namespace smp::render::detail {

struct Touch {
  float x = 0, y = 0;  // centre, image pixels
  float sigma = 1;     // Gaussian sigma, image pixels
  float peak = 0;      // optical density at the centre
};

// Every touch of the impressions shown, in impression order (expanded on all cores; the
// order, and so the result, does not depend on the number of threads).
std::vector<Touch> expand_touches(const sim::Plan& plan, std::span<const sim::Impression> impressions, double scale,
                                  const AppearanceParams& params, const CompositeOptions& options);

}  // namespace smp::render::detail
