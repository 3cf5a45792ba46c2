#pragma once
// Reference points for compositing, measured in the same run as the compositor:
//  - the textbook way: each needle touch drawn as a filled disc with cv::circle into a float
//    optical-density layer, cv::GaussianBlur for the under-skin scattering, then the same
//    Beer-Lambert apply as the compositor;
//  - the memory floor: one read-modify-write pass over the photo on all cores.

#include "smp/render/appearance.hpp"
#include "smp/sim/placement.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <span>

namespace smp::bench {

cv::Mat3b circle_blur_composite(const cv::Mat3b& photo, const sim::Plan& plan,
                                std::span<const sim::Impression> impressions,
                                const render::AppearanceParams& params = {});

// Darkens every byte of `image` slightly, in place, on all cores.
void read_modify_write_pass(cv::Mat3b& image);

}  // namespace smp::bench
