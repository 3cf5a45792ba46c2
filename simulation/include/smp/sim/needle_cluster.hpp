#pragma once
// How one impression of a needle grouping expands into its cluster of needle touches.

#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <array>
#include <cstddef>

namespace smp::sim {

// Needle tip positions of a round-liner grouping, in units of the needle diameter,
// before rotation. Needles in a grouping touch their neighbours.
struct NeedleLayout {
  std::array<cv::Point2f, 9> offsets{};
  std::size_t count = 0;
};
NeedleLayout needle_layout(int points);

struct ClusterParams {
  // Round-liner needles are tapered and soldered tip to tip: the points converge, so the
  // touches sit closer than the shaft diameter and the cluster reads as one follicle.
  double tip_spacing = 0.5;   // distance between neighbouring tips, in needle diameters
  double hand_jitter = 0.10;  // random offset of each touch, in needle diameters
};

// Touch centres of one impression in photo pixels: the layout scaled by the needle diameter,
// rotated by an angle drawn from the impression's key, each touch jittered slightly.
// Returns the number written to `out` (at most 9).
std::size_t cluster_touches(const Impression& imp, const Needle& needle, double px_per_mm,
                            std::array<cv::Point2f, 9>& out, const ClusterParams& params = {});

}  // namespace smp::sim
