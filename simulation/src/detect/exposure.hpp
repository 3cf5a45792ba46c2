#pragma once
// An underexposed photo brought up to the exposures the detection's colour and luma rules were
// made at. A phone photo of the same head comes out darker or brighter with the room's light
// and the camera's metering; the rules (skin colour, dark hair, sure background) read absolute
// levels, and on the development photos darkened to 0.8, 0.7 and 0.55 of their levels the
// automatic plan put pigment on labelled hair or off the scalp on 8-14 more photos of 63.

#include <opencv2/core.hpp>

namespace smp::sim::detect {

// The most an underexposed photo is brightened: past it the photo is too dark for any gain to
// give its colours back.
inline constexpr double kMaxExposureGain = 2.0;

// `bgr` times the gain that brings the 99th percentile of its luma up to `low` (0-255), when it
// lies below (the gain at most kMaxExposureGain, saturated to 8 bits). `bgr` itself (shared)
// when it does not (a black photo has nothing to bring up), or when the gain would be within
// half a percent of 1. A brighter photo is left as it is: its clipped highlights cannot be
// given back, and darkening the rest changed the plans of half the development photos for no
// gain on them.
cv::Mat3b brightened_to(const cv::Mat3b& bgr, double low);

// The 99th percentile of the luma of `bgr` (0-255), 0 when it is empty.
int bright_luma(const cv::Mat3b& bgr);

}  // namespace smp::sim::detect
