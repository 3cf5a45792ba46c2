#pragma once
// Frontal face detection (OpenCV Haar cascade) restricted to faces that belong to the head.

#include <opencv2/core.hpp>

#include <string>

namespace smp::sim::detect {

struct FaceFinderParams {
  std::string cascade_path;          // Haar cascade XML; empty or missing file: no detection
  double min_width_of_head = 0.30;   // a face narrower than this fraction of the head is noise
  double max_width_of_head = 0.95;
};

// The most plausible face inside the head's bounding box of `grey`, or an empty rect.
cv::Rect find_face(const cv::Mat1b& grey, const cv::Mat1b& head, const FaceFinderParams& params);

}  // namespace smp::sim::detect
