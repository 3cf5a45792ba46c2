#pragma once
// How sharp and how noisy a photo is, measured on the photo itself, so simulated dots can be
// seen through the same optics as the client's real skin and stubble.
//
// Blur: the re-blur method. A step edge blurred by sigma has a gradient peak proportional to
// 1/sigma; blurred again by a known r it falls to 1/sqrt(sigma^2 + r^2), so the ratio R of the
// two peaks gives sigma = r / sqrt(R^2 - 1). The median over the strongest edges is kept.
// Noise: Immerkaer's Laplacian-difference estimator over the flat part of the region.

#include <opencv2/core.hpp>

namespace smp::render {

struct OpticsParams {
  int max_side_px = 1024;        // measured on a central crop of the region at full resolution
  double reblur_sigma_px = 2.0;  // r1 above; r2 is 2.5 times it
  double operator_variance = 0.5; // px^2 of smoothing the gradient operator itself adds
  double edge_share = 0.02;      // strongest share of gradient maxima used as edges
  double min_sigma_px = 0.8;     // results are clamped to this range (demosaicing alone blurs ~0.8 px)
  double max_sigma_px = 4.0;
  int min_edges = 30;            // fewer edges: no estimate (blur 0)
};

struct PhotoOptics {
  double blur_sigma_px = 0;  // Gaussian sigma of the photo's own blur, photo px; 0 = unknown
  double noise_sigma = 0;    // noise standard deviation, 8-bit levels
  int edges = 0;             // edges the blur was measured on
};

// Immerkaer's noise estimate (standard deviation, 8-bit levels) of a grey image over the
// pixels of `mask` (its size); structure that is smooth at the 3x3 scale cancels out.
// `border` is how the 3x3 Laplacian reads past the image's edge (an OpenCV border mode).
double laplacian_noise_sigma(const cv::Mat1f& grey, const cv::Mat1b& mask, int border = cv::BORDER_REFLECT_101);

// laplacian_noise_sigma of a colour photo's luma over `mask` (its size), the Laplacian reading
// the edge pixels again past the photo's edge; worked in bands of rows on all cores, with the
// same result for any thread count. -1 when the mask holds fewer than `min_pixels`.
double noise_sigma_over(const cv::Mat3b& photo, const cv::Mat1b& mask, int min_pixels = 200);

// Measured inside `region` (photo px; empty = the whole photo).
PhotoOptics estimate_photo_optics(const cv::Mat3b& photo, cv::Rect region = {}, const OpticsParams& params = {});

}  // namespace smp::render
