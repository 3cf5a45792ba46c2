#pragma once
// Measurements of how a simulated result looks, before against after, in the terms a client
// judges it: how much darker the treated bare scalp reads at arm's length.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <initializer_list>

namespace smp::render {

struct ArmLengthParams {
  double patch_fraction = 0.025;  // patch area / image area (a patch the eye averages at arm's length)
  double min_inside = 0.9;        // a patch counts when this share of it lies in the mask
  double stride_fraction = 0.5;   // patch grid step / patch side
};

struct ArmLengthDarkening {
  double mean = 0;   // mean over patches of 1 - luma(after) / luma(before), 0-1
  double min = 0;    // lightest and darkest patch
  double max = 0;
  int patches = 0;   // 0: no patch fits in the mask
};

// Darkening of `after` against `before` (same size) averaged over square patches lying in
// `mask` (any size, mapped onto the images; empty = the whole image).
ArmLengthDarkening arm_length_darkening(const cv::Mat3b& before, const cv::Mat3b& after, const cv::Mat1b& mask,
                                        const ArmLengthParams& params = {});

// The treatment mask without the pixels where any of `off` (masks of the plan, any size, mapped
// onto it; empty ones ignored) is above `above` (0-254). Empty when nothing is treated.
cv::Mat1b treatment_without(const sim::Plan& plan, std::initializer_list<const cv::Mat1b*> off, int above);

// Treated bare scalp at the treatment mask's size: the treatment without remaining hair,
// exclusions or skin mostly hidden by long strands (pigment under them does not show).
cv::Mat1b bare_treated(const sim::Plan& plan);

}  // namespace smp::render
