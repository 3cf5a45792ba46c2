#pragma once
// One needle touch ready to draw: every per-touch value is computed once, up front, so the
// drawing loop can be tiled or threaded over these records without touching the plan.

#include <opencv2/core.hpp>

#include <vector>

namespace smp::render::detail {

// An elliptical blob with a compact kernel w = (1 - q)^4, q = d' Q d < 1: shaped like a
// Gaussian of covariance S when Q = S^-1 / 12, but with a finite reach and no exp().
struct Splat {
  cv::Point2f centre;            // output pixels
  float qxx = 1, qxy = 0, qyy = 1;
  float half_w = 1, half_h = 1;  // bounding box half extents of q < 1
  float ink = 0;                 // pigment: OD integrated over output px^2
  float fresh = 0;               // 0-1: how fresh (drives the redness layer)
};

// A splat of covariance `cov` (px^2); eigenvalues are raised to at least min_sigma^2.
Splat make_splat(cv::Point2f centre, const cv::Matx22f& cov, float ink, float fresh, float min_sigma);

// Adds the splat's ink to `layer`, evaluated at pixel centres and normalised so the pixels
// receive exactly `ink` (pigment is conserved even for dots narrower than a pixel).
// `scratch` is reused between calls to avoid allocations.
void accumulate(cv::Mat1f& layer, const Splat& s, std::vector<float>& scratch);

}  // namespace smp::render::detail
