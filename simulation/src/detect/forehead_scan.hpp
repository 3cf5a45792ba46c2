#pragma once
// Where the scalp starts behind a forehead seen face-on. A head bowed toward the camera shows
// its forehead and face beyond the scalp, so the outline's front end lies at the brows, not at
// the forehead's curve, and a hairline placed by the outline's proportions lands on the
// forehead. Walking the midline from the front, the forehead is smooth skin; the scalp starts
// where hair, even thinning hair, makes the skin busy.

#include <opencv2/core.hpp>

#include <optional>

namespace smp::sim::detect {

struct ForeheadScanParams {
  double band = 0.15;            // half-width of the midline band, lateral semi-axes
  double step = 0.05;            // step along the axis, front semi-axes
  double busy_texture = 9.0;     // local luma spread (texture_map) above this: a hair or its shadow
  double min_busy_share = 0.2;   // share of the band's head samples that are busy where hair grows
  int persist = 2;               // hair over this many consecutive steps
  double min_forehead = 0.15;    // smooth skin over at least this length first (front semi-axes)
  double min_u = 0.0;            // hair starting behind the centre is the crown, not a hairline
};

// Position along `dir` (front semi-axes of `ellipse` from its centre) where hair starts behind
// smooth skin at the front end; none when the midline shows no such change. `texture` and
// `head` share the detection size.
std::optional<double> hair_start_toward(const cv::Mat1f& texture, const cv::Mat1b& head, const cv::RotatedRect& ellipse,
                                        cv::Point2d dir, const ForeheadScanParams& params = {});

}  // namespace smp::sim::detect
