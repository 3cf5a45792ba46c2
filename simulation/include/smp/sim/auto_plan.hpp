#pragma once
// Automatic first plan from the photo alone: find the scalp, fit the head outline,
// estimate calibration, place a default hairline and treatment area.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <string>

namespace smp::sim {

struct ScalpDetection {
  ViewKind view = ViewKind::Top;
  cv::Mat1b scalp;          // bare scalp skin of the head, at working_mask_size of the photo
  cv::Mat1b hair;           // remaining hair on the head (for blending), same size
  cv::RotatedRect outline;  // fitted head outline in photo pixels
  cv::Point2d front_dir{0, 1};  // unit vector toward the face, photo pixels
  double head_width_px = 0;     // head breadth across the lateral direction, photo pixels
  cv::Rect2d face;              // frontal face in photo pixels (eye line near 40% down); empty if none
  bool found = false;           // false: fallback ellipse, nothing convincing was found
  std::string note;             // a human-readable remark ("no head found, using centre")
};

struct AutoPlanParams {
  double typical_head_width_mm = 150.0;  // adult head breadth used when nothing is measured
  int detection_max_side = 512;          // detection runs on a downscale this size
  // Haar cascade for frontal faces (Debian package opencv-data); missing file: no face cue.
  std::string face_cascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
};

// Finds the head and the scalp in a BGR photo. Never throws on odd photos: when nothing
// convincing is found it falls back to a centred ellipse and says so in `note`.
ScalpDetection detect_scalp(const cv::Mat& photo_bgr, const AutoPlanParams& params = {});

// A complete, valid plan for the photo: head frame, estimated calibration, default
// hairline (for views where the front of the head is visible) and treatment mask.
Plan make_auto_plan(const cv::Mat& photo_bgr, const PhotoRef& photo, const AutoPlanParams& params = {});

// The photo's sides may differ at most this much for it to show a head (a 10x10000 strip
// cannot, whatever detection makes of it).
constexpr double kMaxHeadPhotoAspect = 4.0;

// An automatic plan and whether it can be trusted for a quote.
struct CheckedAutoPlan {
  Plan plan;            // always complete and valid (a centred ellipse when nothing was found)
  std::string problem;  // empty, or one line: why the plan is a guess (no head found, a strip ...)
  bool usable() const { return problem.empty(); }
};
CheckedAutoPlan make_checked_auto_plan(const cv::Mat& photo_bgr, const PhotoRef& photo,
                                       const AutoPlanParams& params = {});

}  // namespace smp::sim
