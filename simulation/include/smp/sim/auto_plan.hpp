#pragma once
// Automatic first plan from the photo alone: find the scalp, fit the head outline,
// estimate calibration, place a default hairline and treatment area.

#include "smp/sim/analysis_image.hpp"
#include "smp/sim/haar_cascades.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace smp::sim {

struct ScalpDetection {
  ViewKind view = ViewKind::Top;
  cv::Mat1b head;           // the whole head (skin and hair) at working_mask_size; empty when not found
  cv::Mat1b scalp;          // bare scalp skin of the head, at working_mask_size of the photo
  cv::Mat1b hair;           // remaining hair on the head (for blending), same size
  cv::Mat1b thick_hair;     // hair dense enough to hide the skin over an area (never treated), same size
  cv::Mat1b occlusion;      // per pixel, how much hair hides the skin on the head (0-255), same size
  cv::RotatedRect outline;  // fitted head outline in photo pixels
  cv::Point2d front_dir{0, 1};  // unit vector toward the face, photo pixels
  double front_confidence = 0;  // 0-1: how clearly the cues agree on front_dir
  double head_width_px = 0;     // head breadth across the lateral direction, photo pixels
  cv::Rect2d face;              // frontal face in photo pixels (eye line near 40% down); empty if none
  std::optional<cv::Point2d> brows;  // top views: midpoint between the eyebrows toward front_dir, photo pixels
  // Top views of a bowed head: where hair starts on the midline behind the forehead, photo pixels.
  std::optional<cv::Point2d> hair_start;
  bool found = false;           // false: fallback ellipse, nothing convincing was found
  std::string note;             // a human-readable remark ("no head found, using centre")
};

struct AutoPlanParams {
  double typical_head_width_mm = 150.0;  // adult head breadth used when nothing is measured
  double sure_front_confidence = 0.3;    // below this (0-1) the plan asks to check the front direction
  double thick_hair_note_share = 0.5;    // thick hair over more of the head than this (0-1): the notes say why little is treated
  // A top view's front direction given by the user (e.g. "flip" after "Check the front
  // direction"): detection keeps everything else. Unit vector in photo pixels; none = detect.
  std::optional<cv::Point2d> front_override;
  int detection_max_side = 512;          // detection runs on a downscale this size
  // Detection sees an underexposed photo brightened: the 99th percentile of its luma brought up
  // to this level (0-255) when it lies below, so a dark photo of a head gets the plan a well
  // exposed one does. 196 is the 5th percentile, over the development photos, of that figure
  // (their median is 234); 0 turns the step off.
  double exposure_low_luma = 196;
  // Haar cascades (Debian package opencv-data): frontal faces, and eyes that confirm a face is
  // turned to the camera. A missing face file: no face cue; a missing eye file: faces are
  // taken as found.
  std::string face_cascade = kFrontalFaceCascade;
  std::string eye_cascade = kEyeCascade;
};

// Finds the head and the scalp in a BGR photo. Never throws on odd photos: when nothing
// convincing is found it falls back to a centred ellipse and says so in `note`.
ScalpDetection detect_scalp(const cv::Mat& photo_bgr, const AutoPlanParams& params = {});
// The same from the photo's analysis image (made with at least twice detection_max_side for
// the same result as from the photo); the full photo is not needed.
ScalpDetection detect_scalp(const AnalysisImage& image, const AutoPlanParams& params = {});

// Sentence the automatic plan's notes carry when the front direction is a guess.
inline constexpr const char* kCheckFrontNote = "Check the front direction";

// True when `plan.notes` asks the user to check the front direction (the viewer offers a flip).
bool needs_front_check(const Plan& plan);

// Start of the sentence the notes carry when thick hair hides most of the head.
inline constexpr const char* kThickHairNote = "Thick hair covers";

// That sentence of `plan.notes` (why little of the head is treated); empty when absent.
std::string thick_hair_remark(const Plan& plan);

// Start of the sentence the notes carry when the person set the front (face toward a side) of
// a photo the automatic plan took for a frontal view: the forehead and face are then planned
// as scalp.
inline constexpr const char* kPlannedAsTopNote = "Planned as a top view";

// That sentence of `plan.notes`; empty when absent.
std::string planned_as_top_remark(const Plan& plan);

// The automatic plan again as a top view with the face toward `front` (photo pixels; any
// length): the person's answer when the photo's front was found wrong or not clearly, e.g.
// the one-click flip of "Check the front direction" (-plan.head.front_dir). The hairline and
// the treatment follow the new front.
Plan replan_facing(const cv::Mat& photo_bgr, const Plan& plan, cv::Point2d front, AutoPlanParams params = {});

// The sides of the photo a face can be toward, by name ("up", "down", "left", "right"), as
// photo-pixel directions (y down); nullopt for any other name.
std::optional<cv::Point2d> face_side(std::string_view name);
// The name of the side nearest `front` ("up", "down", "left" or "right").
const char* face_side_name(cv::Point2d front);

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
  // The photo's scalp detection the plan was made from, as detected (a front direction given
  // by the user is the plan's, not the detection's): later steps on the same photo (the
  // buzz-cut preview) reuse it instead of detecting again.
  std::shared_ptr<const ScalpDetection> detection;
  bool usable() const { return problem.empty(); }
};
CheckedAutoPlan make_checked_auto_plan(const cv::Mat& photo_bgr, const PhotoRef& photo,
                                       const AutoPlanParams& params = {});
// The same from the photo's analysis image (see detect_scalp).
CheckedAutoPlan make_checked_auto_plan(const AnalysisImage& image, const PhotoRef& photo,
                                       const AutoPlanParams& params = {});

}  // namespace smp::sim
