#pragma once
// Frontal face detection (OpenCV Haar cascade) restricted to faces that belong to the head,
// and the eyes that confirm a face is turned to the camera.

#include <opencv2/core.hpp>
#include <opencv2/objdetect.hpp>

#include <optional>
#include <string>
#include <vector>

namespace smp::sim::detect {

struct FaceFinderParams {
  std::string cascade_path;          // Haar cascade XML; empty or missing file: no detection
  std::string eye_cascade_path;      // eye cascade XML; empty or missing file: eyes not looked for
  double min_width_of_head = 0.30;   // a face narrower than this fraction of the head is noise
  double max_width_of_head = 0.95;
};

struct FoundFace {
  cv::Rect box;              // empty when no face was found
  std::optional<bool> eyes;  // an eye seen in the box's upper half; none when eyes were not looked for
};

// Loads a Haar cascade; false when the path is empty, the file is missing or damaged (a cue
// that cannot run, never a crash).
bool load_cascade(cv::CascadeClassifier& cascade, const std::string& path);

// The most plausible face inside the head's bounding box of `grey`, and whether it shows an eye.
FoundFace find_face(const cv::Mat1b& grey, const cv::Mat1b& head, const FaceFinderParams& params);

// Eyes in the upper half of a frontal face box of the equalised `grey` (image coordinates).
std::vector<cv::Rect> eyes_in_face(const cv::Mat1b& grey, const cv::Rect& face, cv::CascadeClassifier& eye_cascade);

}  // namespace smp::sim::detect
