#pragma once
// Figures that tell whether a buzz-cut preview is right, measured against the photo: the
// photo outside the head is kept, the clipped hair's tone moved to that of the bare scalp, and
// the strands over a thinning crown gone.

#include "smp/sim/buzz.hpp"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace smp::render {

struct BuzzFigures {
  double outside_kept = 1;     // share of pixels outside the head differing by at most 2 levels
  double hair_luma = 0;        // mean luma of the clipped region in the photo
  double skin_luma = 0;        // mean luma of the bare skin next to it (within `skin_band_mm`)
  double buzz_luma = 0;        // mean luma of the clipped region after the buzz
  double luma_move = 0;        // (buzz - hair) / (skin - hair): 1 = the bare skin's tone
  // Strands left on the sparse hair (a thinning crown): mean |luma - its blur over 1 mm| on the
  // sparse hair away from its edge, in the photo and after the buzz (levels; 0 without sparse
  // hair). After the buzz only the stubble's grain should be left of the strands' texture.
  double sparse_texture_photo = 0;
  double sparse_texture_buzz = 0;
  // The background filled behind the removed hair volume against the photo's background beside
  // the head: median luma of the fill 2-10 photo px inside the volume minus that of the photo
  // 8-16 px outside the head (levels; a light or dark halo around the new head). None without
  // enough of either.
  std::optional<double> fill_step;
};

// `regions` are those the buzz was drawn from; `removed` (work size, may be empty) the hair it
// removed beyond the head's outline (BuzzImage::removed): the head is the detected head plus
// that hair, and `outside_margin_px` (work px) keeps its soft edge out of "outside".
BuzzFigures buzz_figures(const cv::Mat3b& photo, const cv::Mat3b& buzzed, const sim::BuzzRegions& regions,
                         const cv::Mat1b& removed, double px_per_mm, double skin_band_mm = 10, int outside_margin_px = 3);

// Coefficient of variation of the nearest-neighbour distances of `points` (0 = a perfect
// lattice; Poisson points about 0.52; blue noise in between).
double nearest_neighbour_cv(const std::vector<cv::Point2f>& points);

}  // namespace smp::render
