#pragma once
// Before/after mockup: the photo and the simulated result side by side, labelled.

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace smp::render {

struct MockupParams {
  int panel_height = 1200;        // each panel's height in pixels (photos are never enlarged beyond 2x)
  int gap = 16;                   // pixels between panels and around the edge
  std::string before_label = "Before";
  std::string after_label = "After - simulated SMP";
  std::vector<std::string> footer_lines;  // e.g. estimate summary; may be empty
  cv::Scalar background{32, 30, 28};      // BGR
  cv::Scalar text_colour{240, 240, 240};
};

// Both images must have the same size.
cv::Mat3b side_by_side_mockup(const cv::Mat3b& before, const cv::Mat3b& after, const MockupParams& params = {});

}  // namespace smp::render
