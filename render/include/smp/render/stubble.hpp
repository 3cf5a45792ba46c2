#pragma once
// The client's own stubble, measured on the photo: how much darker than the bare skin right
// beside it the remaining (shaved) hair reads at arm's length. SMP is matched to it, so the
// automatic shade aims at this contrast, and the naturalness check compares the plan with it.

#include "smp/sim/analysis_image.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <optional>

namespace smp::render {

struct StubbleParams {
  int work_side_px = 900;        // measured on a downscale of at most this side (arm's length)
  double band_mm = 6;            // width of the strips compared on each side of the fringe
  int min_pixels = 150;          // fewer pixels in either strip (at the working size): no stubble
  double grey_contrast = 0.06;   // lighter than this and less saturated than the skin: grey/white
  double strand_percentile = 0.15;  // the strands: this luminance percentile of the stubble strip
                                    // at full resolution (0-1; the darker specks among the skin)
  // Grey or salt-and-pepper strands: at least this light against the skin (strand_ratio) and
  // less saturated than it (stubble saturation / skin saturation below grey_saturation_ratio).
  double light_strand_ratio = 0.6;
  double grey_saturation_ratio = 0.8;
  double grain_mm = 1.0;         // fine texture: luma against its own mean within this sigma, mm
  bool measure_grain = false;    // the grain figures below (smp-look-table); the shade needs none
};

struct StubbleMeasure {
  // 1 - luma(stubble strip) / luma(the bare skin beside it), arm's length: each stubble pixel's
  // skin is the bare strip's mean within about half band_mm of it, so the head's shading (a
  // fringe in the shadow of one side, tufts on the lit top) is not read as stubble.
  double contrast = 0;
  cv::Vec3f stubble_bgr{0, 0, 0}; // mean colours of the two strips (0-255)
  cv::Vec3f skin_bgr{0, 0, 0};
  bool grey_or_white = false;     // too light and colourless for pigment to imitate
  // Luminance of the strands themselves (full resolution, strand_percentile) over the bare
  // skin strip's median: ~0.3 for dark stubble, 0.6-0.8 for grey. Dots darker than this read
  // as pepper beside the client's own hair.
  double strand_ratio = 0;
  bool grey_strands = false;      // light, colourless strands (grey or salt-and-pepper hair)
  // Fine texture at arm's length (the grain of stubble or dots), with measure_grain: the
  // standard deviation of luma over its own local mean (Gaussian of grain_mm, taken within the
  // strip, so the step across the fringe is no texture), relative to that mean, in the stubble
  // strip and the bare one. On the working image, so it compares strips of one photo (or the
  // photo and its result), not photos of different sizes.
  double grain = 0;
  double skin_grain = 0;
};

// From the plan's hair mask against its bare treatment area; none without enough of both
// along a shared border. The strips are compared on the photo's analysis image (scaled to
// work_side_px), the strands sampled on the photo; an `analysis` that is empty or of another
// photo is made again from `photo`.
std::optional<StubbleMeasure> measure_stubble(const cv::Mat3b& photo, const sim::AnalysisImage& analysis,
                                              const sim::Plan& plan, const StubbleParams& params = {});
// The same, making the analysis image from `photo` first.
std::optional<StubbleMeasure> measure_stubble(const cv::Mat3b& photo, const sim::Plan& plan,
                                              const StubbleParams& params = {});

}  // namespace smp::render
