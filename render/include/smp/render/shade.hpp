#pragma once
// Choosing the pigment shade (dilution) from the photo: an eyedropper over any region, and
// an automatic suggestion from the client's remaining hair or, on a bald head, from the skin.
//
// The model is multiplicative, so a dilution gives the same dot/skin luminance ratio on any
// skin. The shade is therefore chosen as a target ratio for the centre of a healed dot at the
// photo's scale, then solved for the dilution that reaches it.

#include "smp/render/appearance.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <optional>

namespace smp::render {

struct ShadeParams {
  double min_dilution_pct = 5;    // suggestions stay within this range
  double max_dilution_pct = 85;
  double hair_lighten = 0.0;      // > 0 keeps dots lighter than the hair (target moved this far
                                  // toward the skin); 0 matches the hair strands, 0-0.5
  double hair_percentile = 0.1;   // the hair strands: this luminance percentile of hair pixels
  int min_hair_pixels = 400;      // fewer mask pixels: no hair suggestion
  // Bald head: target dot/skin ratio from dark skin (luminance <= 70) to light (>= 200). Dark
  // skin needs a stronger ratio for the same visible contrast.
  double bald_ratio_dark_skin = 0.16;
  double bald_ratio_light_skin = 0.25;
  // The shade is a property of the pigment, not of the photo: dots are judged at this close-up
  // scale whatever the photo's resolution.
  double reference_px_per_mm = 12;
};

// Luminance (Rec. 601, 0-255) of a BGR colour.
double luminance(const cv::Vec3f& bgr);

// Centre optical density of one healed, undiluted impression of the plan's needle seen at
// `px_per_mm` (what a dilution then scales).
double healed_core_od(const sim::Plan& plan, double px_per_mm, const AppearanceParams& params = {});

// Dilution whose healed dot centre reaches `ratio` (dot luminance / skin luminance).
double dilution_for_ratio(double ratio, const sim::Plan& plan, const AppearanceParams& params = {},
                          const ShadeParams& shade = {});

// Eyedropper: the dilution matching the mean colour of `region` (photo px) against the skin.
double eyedropper_dilution(const cv::Mat3b& photo, cv::Rect region, const PhotoTone& tone, const sim::Plan& plan,
                           const AppearanceParams& params = {}, const ShadeParams& shade = {});

// From the plan's hair mask; none when too little hair is marked.
std::optional<double> hair_dilution(const cv::Mat3b& photo, const PhotoTone& tone, const sim::Plan& plan,
                                    const AppearanceParams& params = {}, const ShadeParams& shade = {});

// For a bald head: by skin lightness.
double skin_dilution(const PhotoTone& tone, const sim::Plan& plan, const AppearanceParams& params = {},
                     const ShadeParams& shade = {});

// Sets the plan's base shade (and hair shade when hair is marked) from the photo: the base is
// between the skin-based and the hair-matched shade, the hair zone takes the hair's.
void suggest_shades(const cv::Mat3b& photo, sim::Plan& plan, const AppearanceParams& params = {},
                    const ShadeParams& shade = {});

}  // namespace smp::render
