#pragma once
// How much skin shows at each pixel of the head: a linear unmixing between the photo's own
// skin colour and its own hair colour, after removing the slow shading of the dome. 1 = bare
// skin, 0 = hair hides the skin completely. Thick hair is where little skin shows over an
// area; thinning hair keeps a fair share of skin between its strands.

#include "detect/skin_model.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detect {

struct VisibilityParams {
  double shading_sigma_frac = 0.08;  // shading field blur, fraction of the head's size
  double min_hair_frac = 0.02;       // fewer hair pixels than this share of the head: generic dark hair
  double hair_colour_quantile = 0.7; // the hair colour: mean of the rejected pixels up to this luma quantile
  double min_contrast = 12.0;        // skin and hair colours closer than this (YCrCb levels): no unmixing
  double hair_end = 0.15;             // unmixing share at or below which nothing of the skin shows
  double skin_start = 0.80;           // share at or above which the skin shows fully
  double skin_chroma_full = 2.5;      // chroma distance (Mahalanobis, skin model) still fully skin
  double skin_chroma_none = 4.5;      // chroma distance from which a pixel is not skin at all
  // Saturation (see saturation_of) over that of the lit skin nearby, for pixels darker than the
  // median skin: lit strands of dark or grey hair are far greyer for their luma than skin.
  // (Strands much darker than the skin scale chroma and luma nearly alike, so blends of them
  // with the skin keep most of its saturation.)
  double saturation_full = 0.75;      // share of the lit skin's saturation still fully skin
  double saturation_none = 0.4;       // share from which a darker pixel is not skin at all
  double saturation_gate = 0.1;       // tested fully this far (x median skin luma) below the median, not at it
  double chroma_noise_levels = 1.5;   // chroma levels forgiven as noise (about a JPEG's chroma noise)
  double saturation_prior_weight = 0.05; // the model's median saturation, as this much lit skin nearby
  double lit_skin_max_luma = 1.12;    // lit skin: median to this x median skin luma (brighter: grey glare)
  double smooth_full = 6.0;           // local luma spread (5x5, levels) still fully skin
  double smooth_none = 18.0;          // spread from which a pixel is strands, not skin
  double area_sigma_frac = 0.025;    // window for the local share of skin, fraction of the head's size
  double thick_below = 0.35;         // local share of skin below this: thick hair
};

struct SkinVisibility {
  cv::Mat1f visible;  // per pixel 0-1, at the size of the input
  cv::Mat1f local;    // visible share averaged over a small area (hair density), same size
  bool valid = false; // false: skin and hair could not be told apart (visible = 1 on the head)
};

// `ycrcb`: the photo at some working size; `head`, `skin` and `hair` masks at the same size
// (skin and hair from split_skin_hair, scaled). `model`: the photo's skin colour.
SkinVisibility skin_visibility(const cv::Mat3b& ycrcb, const cv::Mat1b& head, const cv::Mat1b& skin,
                               const cv::Mat1b& hair, const SkinModel& model, const VisibilityParams& params = {});

// 255 where the local share of skin marks thick hair, inside `head`.
cv::Mat1b thick_hair_mask(const SkinVisibility& v, const cv::Mat1b& head, const VisibilityParams& params = {});

}  // namespace smp::sim::detect
