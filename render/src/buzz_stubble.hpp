#pragma once
// Stubble of a buzz cut: where each clipped hair stands (irregular, at the decided density)
// and the two layers it darkens the skin by, drawn area-true so that hairs finer than a pixel
// give the right mean tone instead of vanishing or turning into a screen.

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace smp::render::detail {

struct StubbleLook {
  double length_px = 0;        // visible shaft above the skin, projected (photo px)
  double diameter_px = 0.5;    // shaft diameter (photo px)
  double shadow_radius_px = 1; // the shaft under the skin, seen through it (photo px)
  double shadow_strength = 0.45;  // its cover at the centre-equivalent area (0-1)
  double blur_px = 0.8;        // the photo's own blur (Gaussian sigma, px)
  double jitter_rad = 0.45;    // spread of the hairs' directions around the growth direction
};

// Hair positions in `area` (photo px): blue-noise-like dart throwing at the local density
// `per_px2(x, y)` (hairs per photo px², any size, mapped onto `area`), deterministic for `seed`.
std::vector<cv::Point2f> place_stubble(const cv::Mat1f& per_px2, cv::Rect area, std::uint64_t seed,
                                       double min_spacing_share = 0.5);

// Shaft cover and sub-skin shadow cover (sums of hair areas per pixel, before 1 - exp(-x)),
// over `area`; `growth` is the unit direction the hairs lean to (photo px).
void draw_stubble(const std::vector<cv::Point2f>& hairs, cv::Rect area, cv::Point2d growth, const StubbleLook& look,
                  std::uint64_t seed, cv::Mat1f& shaft, cv::Mat1f& shadow);

}  // namespace smp::render::detail
