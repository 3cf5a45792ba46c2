#pragma once
// Hand-labelled evaluation set for the automatic plan: one small JSON file per photo
// (tests/eval/labels/*.json) and the scores of a plan against it.
//
// Label file fields:
//   photo          path of the photo relative to the photo folder ("more/group2_1_1.jpg")
//   labelled_size  [w, h]: the image size the coordinates below refer to (a downscale)
//   view           "top" or "front"
//   front          top views only: which way the face is in the image, "up", "down",
//                  "left", "right", "unknown" or an angle in degrees (0 = right, 90 = down)
//   scalp          list of polygons ([[x, y], ...]) of the bare scalp a technician treats;
//                  empty when there is none (full hair)
//   off_scalp      points that must never receive pigment: background, clothing, body
//                  skin, ears, face
//   hair           points on thick hair (strands hide the skin: no pigment may show there)

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smp::eval {

struct PhotoLabel {
  std::string name;   // label file stem
  std::string photo;  // relative to the photo folder
  cv::Size size;      // labelled size, pixels
  sim::ViewKind view = sim::ViewKind::Top;
  std::optional<cv::Point2d> front;  // unit vector toward the face; top views with a known front
  std::vector<std::vector<cv::Point>> scalp;
  std::vector<cv::Point> off_scalp;
  std::vector<cv::Point> hair;
};

// Throws std::runtime_error naming the file and the problem.
PhotoLabel load_label(const std::filesystem::path& file);

// Every *.json in `dir`, sorted by name.
std::vector<PhotoLabel> load_labels(const std::filesystem::path& dir);

struct ScoreParams {
  double max_front_error_deg = 45.0;  // front direction counted right within this angle
  double pigment_threshold = 0.1;     // visible pigment strength (0-1) above which a point is hit
};

struct PhotoScore {
  std::string name;
  bool top = false;
  bool view_right = false;           // the plan's view (top or frontal) is the labelled one
  std::optional<bool> front_right;   // top views with a known front
  double front_error_deg = 0;
  std::optional<double> iou;         // treatment area vs scalp polygon; photos with a polygon
  std::optional<double> covered;     // share of the polygon inside the treatment area (recall)
  std::optional<double> precision;   // share of the treatment area inside the polygon
  double treated_fraction = 0;       // of the photo (treatment area)
  std::optional<double> shown;       // mean visible pigment (0-1) inside the scalp polygon:
                                     // what hair occlusion leaves of the treatment there
  int off_points = 0, off_hits = 0;  // labelled off-scalp points, and those receiving pigment
  int hair_points = 0, hair_hits = 0;
  bool clean() const { return off_hits == 0 && hair_hits == 0; }
};

// Visible pigment strength 0-1 at mask resolution: treatment, minus exclusion, times the
// share of skin that hair leaves visible.
cv::Mat1f visible_pigment(const sim::Plan& plan);

PhotoScore score_plan(const PhotoLabel& label, const sim::Plan& plan, const ScoreParams& params = {});

struct Totals {
  int photos = 0;
  int view_right = 0;
  int front_known = 0, front_right = 0;
  int iou_count = 0;
  double median_iou = 0;
  double mean_iou = 0;
  double median_shown = 0;  // over the photos with a polygon
  int clean = 0;
  double front_rate() const { return front_known ? static_cast<double>(front_right) / front_known : 1.0; }
  double clean_rate() const { return photos ? static_cast<double>(clean) / photos : 1.0; }
};

Totals summarise(const std::vector<PhotoScore>& scores);

// How a plan answered a top view's front direction: right, wrong but asking the person to
// check it ("Check the front direction"), or wrong without a word.
enum class FrontAnswer { Right, Asked, Wrong };
// `d` (image axes, y down) after the image is turned `quarter_turns` times clockwise.
cv::Point2d turned(cv::Point2d d, int quarter_turns);
// `image` turned `quarter_turns` times clockwise.
cv::Mat turned(const cv::Mat& image, int quarter_turns);
// The answer of `plan`, made from the labelled photo turned `quarter_turns` times clockwise;
// none when the label is no top view with a known front. `asked_while_right` (optional) is
// set when the answer is right and the plan asks all the same.
std::optional<FrontAnswer> front_answer(const PhotoLabel& label, const sim::Plan& plan, int quarter_turns,
                                        bool* asked_while_right = nullptr, const ScoreParams& params = {});

// A fixed-width table, one row per photo, then the totals.
std::string format_table(const std::vector<PhotoScore>& scores);
std::string format_totals(const Totals& totals);

// The labels drawn on `image` (already scaled to label.size): polygon outlines in green,
// off-scalp points red, hair points blue.
void draw_label(cv::Mat3b& image, const PhotoLabel& label);

}  // namespace smp::eval
