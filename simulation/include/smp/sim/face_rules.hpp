#pragma once
// Hairline rules for frontal photos (hairline design): face landmarks from
// OpenCV's Haar cascades, the guides a hair-restoration surgeon draws (mid-frontal point
// 7 / 8 / 10 cm above the glabella, fronto-temporal points on the lateral epicanthal lines),
// a one-click natural hairline from them, and a calibration from the interpupillary distance.

#include "smp/sim/haar_cascades.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <array>
#include <string>
#include <vector>

namespace smp::sim {

// Landmarks in photo pixels. "left"/"right" are as seen in the image (image left = the
// client's right).
struct FaceLandmarks {
  bool found = false;         // a face was detected
  bool eyes_detected = false; // false: eye positions estimated from the face box proportions
  cv::Rect2d face;
  cv::Point2d pupil_left, pupil_right;
  cv::Point2d outer_corner_left, outer_corner_right;  // lateral canthi
  cv::Point2d glabella;       // between the brows, on the midline
  cv::Point2d up{0, -1};      // unit vector along the facial midline toward the forehead
  std::string note;           // what was found, for the person at the UI

  double interpupillary_px() const { return cv::norm(pupil_right - pupil_left); }
};

struct FaceDetectParams {
  std::string face_cascade = kFrontalFaceCascade;
  std::string eye_cascade = kEyeCascade;
  int detection_max_side = 800;      // detection runs on a downscale this size
  double min_face_fraction = 0.12;   // smallest face width as a fraction of the shorter photo side
  // Face-box proportions of the frontal-face cascade, used when the eyes are not found.
  double eye_line_of_face = 0.38;    // pupil line, fraction of the box height from its top
  double pupil_offset_of_face = 0.19;// each pupil this fraction of the box width from its centre
  double outer_corner_of_ipd = 0.75; // lateral canthus this fraction of the IPD from the midpoint
  double glabella_above_pupils_mm = 12.0;  // brow level above the pupil line
  double typical_ipd_mm = 63.0;      // adult interpupillary distance
};

// Finds the largest frontal face and its eyes. Never throws; `found` false with a note when
// there is no face (top views) or the cascade files are missing.
FaceLandmarks detect_face_landmarks(const cv::Mat& photo_bgr, const FaceDetectParams& params = {});

struct HairlineRuleParams {
  std::array<double, 3> mid_frontal_mm{70.0, 80.0, 100.0};  // young / default / mature
  double forehead_foreshortening = 0.85;  // the sloping forehead looks shorter from the front
  double temporal_rise_mm = 12.0;         // fronto-temporal points sit higher than the mid-frontal point
  double glabella_above_pupils_mm = 12.0;
  double guide_length_mm = 120.0;         // length drawn for the midline and epicanthal lines
};

// What the UI and the report draw, in photo pixels.
struct HairlineGuides {
  cv::Point2d glabella;
  std::array<cv::Point2d, 3> mid_frontal;   // at mid_frontal_mm[0..2]
  cv::Point2d fronto_temporal_left, fronto_temporal_right;  // for the default (middle) distance
  std::array<cv::Point2d, 2> midline;       // segment from below the glabella upward
  std::array<cv::Point2d, 2> epicanthal_left, epicanthal_right;  // lateral epicanthal lines
  cv::Point2d up{0, -1};
};

HairlineGuides hairline_guides(const FaceLandmarks& face, double px_per_mm, const HairlineRuleParams& params = {});

struct SuggestParams {
  double mid_frontal_mm = 80.0;   // 70 aggressive .. 100 conservative (Garg's 8-8-8 default)
  double temporal_rise_mm = 12.0; // rise from the mid-frontal point to the fronto-temporal angle
  double temple_drop_mm = 35.0;   // the temple point drops toward the sideburn below the angle
  double temple_out_of_ft = 1.35; // temple point lateral distance, in fronto-temporal distances
  double forehead_foreshortening = 0.85;
};

// Half hairline (first point on the midline) in photo pixels through the mid-frontal point
// and the fronto-temporal angle, gently curved and never straight.
std::vector<cv::Point2d> suggest_hairline(const FaceLandmarks& face, double px_per_mm, const SuggestParams& params = {});

// Pixels per mm from the interpupillary distance (typical_ipd_mm).
double calibration_from_face(const FaceLandmarks& face, double typical_ipd_mm = 63.0);

struct RulesOutcome {
  bool applied = false;     // false: the plan is unchanged
  bool calibrated = false;  // the calibration was set from the face
  bool from_face = false;   // false: landmarks assumed from the current hairline (eyes out of frame)
  FaceLandmarks used;       // the landmarks the rules were applied with (for drawing the guides)
  std::string message;      // one line for the person at the UI
};

// "Suggest hairline": sets the frontal head frame (midline through the glabella), the
// hairline from the rules, and when no measured calibration exists, the calibration from
// the face (estimated, source "face"). The treatment area is moved to start at the new line.
// With no face the plan keeps its head-outline calibration and the outcome says so; a
// frontal view whose eyes are out of the frame (a close-up of the forehead) still gets the
// rules' shape: the mid-frontal point stays where the current hairline has it and the
// fronto-temporal points go on the typical lateral epicanthal lines (0.75 x 63 mm from the
// midline).
RulesOutcome apply_hairline_rules(Plan& plan, const FaceLandmarks& face, const SuggestParams& suggest = {},
                                  double typical_ipd_mm = 63.0);

}  // namespace smp::sim
