#pragma once
// Choosing the pigment shade (dilution) from the photo: an eyedropper over any region, and
// an automatic suggestion for the arm's-length look, and the shade of the client's remaining hair.
//
// The model is multiplicative, so a dilution gives the same dot/skin luminance ratio on any
// skin. The eyedropper and the hair shade are chosen as a target ratio for the centre of a
// healed dot; the base shade as the mean darkening the healed work gives bare skin.

#include "smp/render/appearance.hpp"
#include "smp/sim/analysis_image.hpp"
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
  // The shade is a property of the pigment, not of the photo: dots are judged at this close-up
  // scale whatever the photo's resolution.
  double reference_px_per_mm = 12;
  // Arm's-length look: without stubble to match, healed work on bare skin is made this much
  // darker than the skin (clients' own shaved stubble reads 13-18 % darker than bald skin).
  double bald_target_darkening = 0.16;
  // With stubble in the photo the target is its contrast, kept within the range a client
  // reads as shaved stubble, 10-25 %, two points inside it: the rendered photo differs from
  // the predicted patch by about that much (grey or white stubble: the minimum, lighter dots).
  double min_target_darkening = 0.12;
  double max_target_darkening = 0.23;
  // Where strands hide part of the work, on skin they leave bare: one point inside the band,
  // since the rendered photo runs up to that much darker than the predicted patch.
  double max_visible_darkening = 0.24;
  // Density may rise to the density parameter's upper bound to reach the target darkening.
  int density_steps = 4;             // proportional density steps toward the target, at most
  double darkening_tolerance = 0.005;  // close enough to the target (0-1 luminance)
  // Dots are as light as shaved strands and density makes up the contrast; darker only at
  // the density's cap, and never darker than grey strands the photo resolves. The client's
  // own strands' tone is read from the photo where it resolves them (0.1 mm about a pixel or
  // more, through the photo's own blur: px/mm over the blur's sigma when that exceeds a pixel).
  double min_strand_px_per_mm = 8;
  // The tone of typical shaved strands (strand luminance / skin luminance; measured stubble
  // strands read 0.4-0.8): the dots start from it, or from the client's strands where the
  // photo resolves them lighter. So a head photographed larger or smaller gets the same
  // density unless its strands are lighter than this.
  double typical_strand_ratio = 0.5;
  double patch_mm = 12;            // side of the patch rendered to predict the darkening
  double reference_blur_px = 1.0;  // photo blur assumed for that patch, at reference_px_per_mm
};

// Luminance (Rec. 601, 0-255) of a BGR colour.
double luminance(const cv::Vec3f& bgr);

// Centre optical density of one healed, undiluted impression of the plan's needle seen at
// `px_per_mm` (what a dilution then scales): the median impression (median_impression).
double healed_core_od(const sim::Plan& plan, double px_per_mm, const AppearanceParams& params = {});

// Dilution whose healed dot centre reaches `ratio` (dot luminance / skin luminance).
double dilution_for_ratio(double ratio, const sim::Plan& plan, const AppearanceParams& params = {},
                          const ShadeParams& shade = {});

// Eyedropper: the dilution whose healed work darkens bare skin at arm's length as much as the
// mean of `region` (photo px: the client's own stubble or hair with the skin between) is darker
// than the skin, within the shade range.
double eyedropper_dilution(const cv::Mat3b& photo, cv::Rect region, const PhotoTone& tone, const sim::Plan& plan,
                           const AppearanceParams& params = {}, const ShadeParams& shade = {});

// From the plan's hair mask; none when too little hair is marked.
std::optional<double> hair_dilution(const cv::Mat3b& photo, const PhotoTone& tone, const sim::Plan& plan,
                                    const AppearanceParams& params = {}, const ShadeParams& shade = {});

// Mean darkening (0-1, luminance) of bare skin of `tone` under the plan's healed work (all its
// sessions, its density and needle) at `dilution_pct`, predicted on a rendered uniform patch.
double predicted_darkening(const sim::Plan& plan, double dilution_pct, const PhotoTone& tone,
                           const AppearanceParams& params = {}, const ShadeParams& shade = {});

// The dilution whose healed work darkens bare skin by `target` (0-1) at arm's length, within
// the shade range.
double dilution_for_darkening(double target, const sim::Plan& plan, const PhotoTone& tone,
                              const AppearanceParams& params = {}, const ShadeParams& shade = {});

// Sets the plan's base shade from the photo so the healed work reads as dark against the bare
// skin at arm's length as the client's stubble does (measure_stubble), or bald_target_darkening
// without stubble, with dots as light as typical shaved strands (or the client's own where the
// photo resolves them lighter) and the density raised to make up the contrast, never darker
// than grey strands the photo resolves; the hair zone's shade from the hair when hair is marked.
void suggest_shades(const cv::Mat3b& photo, sim::Plan& plan, const AppearanceParams& params = {},
                    const ShadeParams& shade = {});
// The same with the photo's analysis image (measure_stubble).
void suggest_shades(const cv::Mat3b& photo, const sim::AnalysisImage& analysis, sim::Plan& plan,
                    const AppearanceParams& params = {}, const ShadeParams& shade = {});

}  // namespace smp::render
