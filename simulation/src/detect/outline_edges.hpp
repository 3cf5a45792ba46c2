#pragma once
// The skull's own outline from the photo's edges, for heads whose segmented blob took in
// shoulders, knees or arms of the same skin colour (top views shot from above a seated
// client). The blob's ellipse then bulges over them; the head's silhouette is still a
// closed, nearly elliptical edge inside it. A robust ellipse fit to edge points found along
// rays (RANSAC over the rays, scored by how many rays the ellipse meets on an edge) finds it.

#include <opencv2/core.hpp>

#include <optional>

namespace smp::sim::detect {

struct OutlineEdgeParams {
  int rays = 120;                  // rays from the centre of the blob's ellipse
  double search_in = 0.5;          // edges searched from this fraction of the ellipse radius ...
  double search_out = 1.06;        // ... to this
  double smooth_sigma_px = 1.5;    // Gaussian before the gradient (detection px)
  double min_edge_step = 5.0;      // weakest edge: grey levels per px across it (after smoothing)
  double min_normal_share = 0.6;   // the edge must run along the ellipse: |g.n| >= this |g|
  int candidates_per_ray = 3;      // strongest local maxima kept per ray
  double inlier_frac = 0.025;      // an edge point within this fraction of the radius meets the ellipse
  int rounds = 500;                // RANSAC samples (fixed seed: the same photo, the same outline)
  double min_support = 0.4;        // the tighter ellipse must meet an edge on this share of the rays ...
  double min_support_gain = 0.15;  // ... and on this share more than the blob's ellipse does
  double max_area = 0.95;          // kept only when it is this much smaller than the blob's ellipse ...
  double min_area = 0.55;          // ... and not smaller than this (not the bald patch of a fringe)
  double max_hair_in_band = 0.15;  // the part it drops may hold this share of hair at most (a
                                   // fringe); hair by colour or by texture (SkinSplit::max_texture)
};

// A tighter outline than `blob_fit` when the photo's edges show one, else nullopt (the blob's
// ellipse stands). `bgr` is the detection copy; `head`, `hair` and `texture` (texture_map) of
// the same size.
std::optional<cv::RotatedRect> tighter_outline(const cv::Mat3b& bgr, const cv::Mat1b& head, const cv::Mat1b& hair,
                                               const cv::Mat1f& texture, const cv::RotatedRect& blob_fit,
                                               const OutlineEdgeParams& params = {});

}  // namespace smp::sim::detect
