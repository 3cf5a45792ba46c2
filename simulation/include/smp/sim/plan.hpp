#pragma once
// The plan document: everything a consultation decides about one client photo.
// Geometry is in photo pixels (x right, y down) of the upright (EXIF-applied) photo.

#include "smp/sim/buzz_params.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smp::sim {

// Which photo this plan belongs to. The hash lets a reopened project notice a different file.
struct PhotoRef {
  std::string path;    // as given by the user; may be relative to the plan file
  std::string sha256;  // of the file's bytes, hex; empty when unknown
  int width = 0;       // upright pixel size of the photo
  int height = 0;
};

// Pixels per millimetre on the scalp near the centre of the photo.
struct Calibration {
  double px_per_mm = 10.0;  // > 0
  bool measured = false;    // false: estimated (head width or face), shown as such
  std::string source = "default";  // "head-width", "two-point", "face", "default"
};

enum class ViewKind { Top, Front };

// Head frame: the midline and which way the face is. `front_dir` is a unit vector
// pointing from the crown toward the forehead in the image.
struct HeadFrame {
  ViewKind view = ViewKind::Top;
  cv::Point2d midline_origin{0, 0};  // a point on the midline (the head centre when known)
  cv::Point2d front_dir{0, -1};      // unit vector toward the face
  cv::RotatedRect outline;           // fitted head outline (ellipse); size 0 when unknown

  cv::Point2d lateral_dir() const { return {-front_dir.y, front_dir.x}; }
  bool has_outline() const { return outline.size.width > 0 && outline.size.height > 0; }
  bool operator==(const HeadFrame& o) const {  // cv::RotatedRect has no ==
    return view == o.view && midline_origin == o.midline_origin && front_dir == o.front_dir &&
           outline.center == o.outline.center && outline.size == o.outline.size && outline.angle == o.outline.angle;
  }
};

// Hairline as a Catmull-Rom curve through control points.
// symmetric: control_points are the half from the midline outward (the first point lies
// on the midline); the full curve is that half mirrored about the midline.
// not symmetric: control_points are the whole curve from one temple to the other.
struct Hairline {
  std::vector<cv::Point2d> control_points;
  bool symmetric = true;
  bool enabled() const { return control_points.size() >= 2; }
  bool operator==(const Hairline&) const = default;
};

// Masks are 8-bit (0 = off, 255 = on) and may be smaller than the photo: they map onto the
// whole photo by scaling. Empty means "none" (treatment: nothing to treat).
struct Masks {
  cv::Mat1b treatment;  // where pigment may go
  cv::Mat1b scar;       // scar tissue inside the treatment area
  cv::Mat1b exclusion;  // never pigment here (moles, lesions, ears ...)
  cv::Mat1b hair;       // the client's remaining hair (from detection; for blending into it)
  // Long hair that hides the skin: pigment sits under the skin, so it shows only where the
  // skin does. 0 = skin visible, 255 = fully hidden by strands; intermediate values are a
  // partial cover (soft edges, thin strands). Empty = nothing hidden.
  cv::Mat1b occlusion;
  // Top views: the bare scalp the automatic plan found, before any hairline; a hair-loss
  // template's area grows over it to the remaining hair. Empty: templates keep their shapes.
  cv::Mat1b bald;
};

// Needle configuration of one impression.
struct Needle {
  int points = 3;            // grouping: 1, 3, 5, 7 (round liner)
  double diameter_mm = 0.25; // 0.18-0.35 typical ("0803" = 0.25 mm)
  bool operator==(const Needle&) const = default;
};

struct Pigment {
  double dilution_pct = 30.0;  // 0 = undiluted carbon black (darkest), 95 = very light; session 1's shade
  // Depth of the pigment below the skin surface. SMP aims at the upper dermis (0.3-0.8 mm);
  // deeper pigment blurs more and reads blue-grey ("blowout"). Range 0.2-1.5 mm.
  double depth_mm = 0.5;
  // Dilution added to `dilution_pct` per session (entry k-1 for session k; later sessions use
  // the last entry): session 1 is the lightest, later sessions layer darker ("3D" layering).
  // Each -50..+50 %, at most 6 entries.
  std::vector<double> session_offsets_pct{0.0, -5.0, -10.0};
  // Shade matching the client's remaining hair, used where the work blends into it; none =
  // `dilution_pct`. Range 0-95 %.
  std::optional<double> hair_dilution_pct;
  double scar_offset_pct = 10.0;  // dilution added on scar tissue (paler skin: lighter dots), -50..+50
};

// Blending into remaining hair at the edge of the treatment area (hair mask).
struct HairBlend {
  double blend_mm = 8.0;         // width of the zone where density and shade cross over, 0-30 mm
  double density_fraction = 0.5; // density inside the remaining hair (behind thinning hair), 0-1
};

// Top-view perspective: the head as an ellipsoid on the fitted outline ellipse.
struct Perspective {
  bool enabled = true;      // only used for top views with a known outline
  double dome_ratio = 0.9;  // dome height above the outline / mean outline semi-axis, 0.4-1.5
  double min_cos = 0.3;     // foreshortening is capped here (cos of the surface tilt), 0.1-1
  bool operator==(const Perspective&) const = default;
};

// What drives fading, for the longevity preview (an illustration, not a prediction).
struct Lifestyle {
  double sun_exposure = 0.3;  // 0 = rarely outdoors, 1 = outdoors most days uncovered
  bool sunscreen = false;     // daily SPF 30+ on the scalp
  bool smoker = false;
  bool operator==(const Lifestyle&) const = default;
};

struct PlanParams {
  double density_per_cm2 = 80.0;  // target impressions per cm^2 at full density (0-120]
  double transition_mm = 10.0;    // hairline transition zone width (0.5-1.5 cm typical)
  double irregularity = 0.5;      // 0 = clean line, 1 = strong micro/macro irregularity
  double scar_density_factor = 1.15;  // density multiplier on scar tissue
  Needle needle;
  Pigment pigment;
  HairBlend hair_blend;
  Perspective perspective;
  Lifestyle lifestyle;
  BuzzParams buzz;               // remaining hair clipped in the preview (default: as photographed)
  int sessions = 3;               // 1-6
  std::uint64_t seed = 1;
};

struct Plan {
  PhotoRef photo;
  Calibration calibration;
  HeadFrame head;
  Hairline hairline;
  Masks masks;
  PlanParams params;
  std::string client_label;  // free text shown on exports
  std::string notes;         // what the automatic plan found (detection, scale, front direction)
  std::string template_name; // hair-loss template the treatment area started from ("Norwood III"); empty: none
  std::string technician_notes;  // free text by the technician, printed in the report
};

// Checks every value for range and consistency. Returns an empty string when the plan is
// valid, otherwise one message naming the first problem ("density_per_cm2 must be ...").
std::string validate(const Plan& plan);

// Dilution of the pigment used in `session` (1-based): the base shade plus that session's
// offset, clamped to 0-95 %.
double session_dilution_pct(const Pigment& pigment, int session);

}  // namespace smp::sim

namespace smp::sim {

// Masks are kept at a working resolution: the photo scaled so its long side is at most
// `max_side` pixels (never enlarged). Brush edits and density fields run at this size.
cv::Size working_mask_size(int photo_width, int photo_height, int max_side = 2048);

// Largest mask side a plan may hold: twice the working resolution. With "at most the
// photo's size" it bounds what a plan's masks can cost to decode (4 x 16.7 MP).
constexpr int kMaxMaskSide = 4096;

}  // namespace smp::sim
