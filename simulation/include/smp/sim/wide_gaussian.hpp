#pragma once
// A Gaussian blur for fields that vary over tens of pixels, at a fraction of the full-size cost.

#include <opencv2/core.hpp>

namespace smp::sim {

// Gaussian blur of `in` with `sigma` pixels. A wide one runs on a copy reduced by an integer
// factor (its box average already blurs by (f^2 - 1) / 12 px^2), then is scaled back: the
// full-size kernel would be hundreds of pixels wide. `border`: as cv::GaussianBlur's.
cv::Mat1f wide_gaussian(const cv::Mat1f& in, double sigma, int border = cv::BORDER_REPLICATE);

}  // namespace smp::sim
