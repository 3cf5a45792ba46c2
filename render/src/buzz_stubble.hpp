#pragma once
// Stubble of a buzz cut: where each clipped hair stands (irregular, at the decided density)
// and the two layers it darkens the skin by, drawn area-true so that hairs finer than a pixel
// give the right mean tone instead of vanishing or turning into a screen.

#include "smp/render/blur_field.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace smp::render::detail {

struct StubbleLook {
  double length_px = 0;        // visible shaft above the skin, projected (photo px)
  double diameter_px = 0.5;    // shaft diameter (photo px)
  double shadow_radius_px = 1; // the shaft under the skin, seen through it (photo px)
  double shadow_length_px = 0; // how far that shaft is seen running under the skin (photo px)
  double shadow_strength = 0.45;  // its cover at the centre-equivalent area (0-1)
  double blur_px = 0.8;        // the photo's own blur (Gaussian sigma, px)
  // Where that blur varies (photo px; a close-up's defocused sides): each hair takes the blur
  // where it stands, never below blur_px. Null: blur_px everywhere.
  const BlurField* blur_field = nullptr;
  double jitter_rad = 0.45;    // spread of the hairs' directions around the growth direction
};

// Scalp hair grows in follicular units of 1-4 hairs (mostly 2) sharing one opening; the units
// stand irregularly but never clump, which is what keeps a buzzed scalp an even shadow with a
// fine grain instead of a blotchy one.
struct FollicularUnit {
  cv::Point2f at;  // photo px
  int hairs = 1;   // 1-4
};

struct StubblePlacement {
  double unit_spacing_share = 0.7;  // units never stand closer than this share of their local
                                    // mean spacing (0.5 = barely regular, 0.75 = close to the
                                    // densest irregular packing)
  double unit_radius_px = 0.3;      // the hairs of a unit stand this far from its centre (photo px)
};

// Units in `area` (photo px) at the local hair density `per_px2(x, y)` (hairs per photo px²,
// any size, mapped onto `area`): dart throwing with a spacing that follows the density, as many
// hairs in all as the density gives, deterministic for `seed`.
std::vector<FollicularUnit> place_follicular_units(const cv::Mat1f& per_px2, cv::Rect area, std::uint64_t seed,
                                                   const StubblePlacement& placement = {});

// The hairs of the units, each a little off its unit's centre.
std::vector<cv::Point2f> unit_hairs(const std::vector<FollicularUnit>& units, std::uint64_t seed,
                                    const StubblePlacement& placement = {});

// Shaft cover and sub-skin shadow cover (sums of hair areas per pixel, before 1 - exp(-x)),
// over `area`; `growth` is the unit direction the hairs lean to (photo px).
void draw_stubble(const std::vector<cv::Point2f>& hairs, cv::Rect area, cv::Point2d growth, const StubbleLook& look,
                  std::uint64_t seed, cv::Mat1f& shaft, cv::Mat1f& shadow);

}  // namespace smp::render::detail
