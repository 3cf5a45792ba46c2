// detect_scalp: segment the head on a small copy of the photo, split it into bare skin and
// hair, fit the outline ellipse and decide which way the face is.

#include "detect/exposure.hpp"
#include "detect/face_finder.hpp"
#include "detect/forehead_scan.hpp"
#include "detect/head_geometry.hpp"
#include "detect/head_segment.hpp"
#include "detect/outline_edges.hpp"
#include "detect/skin_model.hpp"
#include "detect/skin_visibility.hpp"
#include "smp/sim/analysis_image.hpp"
#include "smp/sim/auto_plan.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim {

namespace {

cv::Mat1b to_working(const cv::Mat1b& small, cv::Size working) {
  if (small.empty()) return cv::Mat1b(working, uchar{0});
  cv::Mat1b out;
  cv::resize(small, out, working, 0, 0, cv::INTER_LINEAR);  // smooth edges, then re-binarise
  cv::threshold(out, out, 127, 255, cv::THRESH_BINARY);
  return out;
}

// Thick hair and per-pixel occlusion, measured on the larger detection copy `bgr` (strands
// resolve better there) and stored at the working size.
void hair_cover(const cv::Mat3b& bgr, const cv::Mat1b& head, const cv::Mat1b& skin, const cv::Mat1b& hair,
                const detect::SkinModel& model, cv::Size working, ScalpDetection& d) {
  cv::Mat3b ycrcb;
  cv::cvtColor(bgr, ycrcb, cv::COLOR_BGR2YCrCb);
  const cv::Mat1b head_big = to_working(head, bgr.size());
  const detect::SkinVisibility vis =
      detect::skin_visibility(ycrcb, head_big, to_working(skin, bgr.size()), to_working(hair, bgr.size()), model);
  d.thick_hair = to_working(detect::thick_hair_mask(vis, head_big), working);
  cv::Mat1b occ;
  vis.visible.convertTo(occ, CV_8U, -255.0, 255.0);
  occ &= head_big;
  cv::resize(occ, d.occlusion, working, 0, 0, cv::INTER_AREA);
}

ScalpDetection fallback(cv::Size photo, cv::Size working, const std::string& why) {
  ScalpDetection d;
  const double w = std::max(photo.width, 1), h = std::max(photo.height, 1);
  d.outline = cv::RotatedRect(cv::Point2f(static_cast<float>(w / 2), static_cast<float>(h / 2)),
                              cv::Size2f(static_cast<float>(0.6 * w), static_cast<float>(0.7 * h)), 0);
  d.front_dir = {0, 1};
  d.head_width_px = 0.6 * w;
  d.scalp = cv::Mat1b(working, uchar{0});
  const double sx = working.width / w, sy = working.height / h;
  cv::ellipse(d.scalp, cv::Point2d(w / 2 * sx, h / 2 * sy), cv::Size2d(0.3 * w * sx, 0.35 * h * sy), 0, 0, 360,
              cv::Scalar(255), cv::FILLED);
  d.hair = cv::Mat1b(working, uchar{0});
  d.thick_hair = cv::Mat1b(working, uchar{0});
  d.occlusion = cv::Mat1b(working, uchar{0});
  d.note = why + "; using a centred ellipse";
  return d;
}

// A black-and-white photo: its chroma hardly varies (over the 63 development photos the larger of
// the Cr and Cb standard deviations is at least 3.9 levels and 5.7 % of the luma's, whose own is at
// least 29) while its luma shows a picture (a black frame or a flat card is no photo of a head at
// all, and says so as before), so no colour model can tell skin from hair or from the background.
bool without_colour(const cv::Mat3b& ycrcb) {
  cv::Scalar mean, sd;
  cv::meanStdDev(ycrcb, mean, sd);
  return sd[0] >= 8 && std::max(sd[1], sd[2]) < std::min(1.5, 0.02 * sd[0]);
}

}  // namespace

ScalpDetection detect_scalp(const cv::Mat& photo_bgr, const AutoPlanParams& params) {
  return detect_scalp(make_analysis_image(photo_bgr, 2 * std::max(64, params.detection_max_side)), params);
}

ScalpDetection detect_scalp(const AnalysisImage& image, const AutoPlanParams& params) {
  const cv::Size photo = image.photo_size.empty() ? cv::Size(1, 1) : image.photo_size;
  const cv::Size working = working_mask_size(photo.width, photo.height);
  try {
    if (image.photo_size.empty()) return fallback(photo, working, "photo is empty or of an unsupported type");
    if (std::min(photo.width, photo.height) < 32) return fallback(photo, working, "photo is too small to analyse");
    if (image.empty()) return fallback(photo, working, "photo is empty or of an unsupported type");
    // Everything below works on the analysis image (at most twice the detection size, for
    // the texture of short hair), so the work does not grow with the photo.
    const int max_side = std::max(64, params.detection_max_side);
    const cv::Mat3b bgr =
        detect::brightened_to(bounded_copy(image.pixels, 2 * max_side), params.exposure_low_luma);
    const double s = std::min(1.0, static_cast<double>(max_side) / std::max(bgr.cols, bgr.rows));
    cv::Mat3b small;
    cv::resize(bgr, small, cv::Size(), s, s, cv::INTER_AREA);
    const double photo_per_small = static_cast<double>(photo.width) / small.cols;
    cv::Mat3b ycrcb;
    cv::cvtColor(small, ycrcb, cv::COLOR_BGR2YCrCb);
    if (without_colour(ycrcb))
      return fallback(photo, working, "the photo is black and white, and skin is told from hair by its colour");

    const cv::Mat1b rule = detect::skin_rule_mask(ycrcb);
    const detect::HeadSegment seg = detect::segment_head(small, ycrcb, rule);
    if (seg.head.empty()) return fallback(photo, working, "no head found");
    cv::Mat1b model_seeds;
    cv::bitwise_and(seg.seeds, seg.head, model_seeds);
    const cv::Mat1f texture = detect::texture_map(bgr, small.size());
    model_seeds = detect::drop_hair_coloured_seeds(ycrcb, texture, model_seeds);
    // Skin-coloured hair (brown, blond) passes the colour rule: learn the skin from smooth seeds.
    cv::Mat1b smooth_seeds;
    cv::compare(texture, detect::SkinSplit{}.smooth_seed_texture, smooth_seeds, cv::CMP_LE);
    smooth_seeds &= model_seeds;
    if (cv::countNonZero(smooth_seeds) >= 200) model_seeds = smooth_seeds;
    const detect::SkinModel model = detect::learn_skin_model(ycrcb, model_seeds);
    if (!model.valid) return fallback(photo, working, "no skin found on the head");
    cv::Mat1b hair;
    cv::Mat1b skin = detect::split_skin_hair(ycrcb, texture, seg.head, model, hair);

    auto ellipse = detect::fit_head_ellipse(seg.head);
    if (!ellipse) return fallback(photo, working, "head outline could not be fitted");

    cv::Mat1b grey;
    cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
    detect::FaceFinderParams face_params;
    face_params.cascade_path = params.face_cascade;
    face_params.eye_cascade_path = params.eye_cascade;
    const detect::FoundFace found_face = detect::find_face(grey, seg.head, face_params);
    const cv::Rect& face = found_face.box;
    detect::Orientation orient = detect::orient_head(seg.head, skin, hair, rule, grey, *ellipse, face, found_face.eyes);
    cv::Mat1b head = seg.head;
    bool edge_outline = false;
    if (orient.view == ViewKind::Top) {
      if (const auto tight = detect::tighter_outline(small, head, hair, texture, *ellipse)) {
        // The blob took in shoulders, knees or the face below a bowed head: the skull's own
        // outline from the photo's edges bounds the head instead, and the cues are read again.
        ellipse = tight;
        edge_outline = true;
        cv::Mat1b skull(head.size(), uchar{0});
        cv::ellipse(skull, cv::RotatedRect(tight->center, tight->size * 1.04f, tight->angle), cv::Scalar(255),
                    cv::FILLED);
        head = seg.head & skull;
        skin &= skull;
        hair &= skull;
        orient = detect::orient_head(head, skin, hair, rule, grey, *ellipse, face, found_face.eyes, {}, seg.head);
      }
    }

    ScalpDetection d;
    d.found = true;
    d.view = orient.view;
    d.front_dir = orient.front_dir;
    d.front_confidence = orient.confidence;
    const double inv = photo_per_small;
    // A point of the detection copy in photo pixels (pixel centres map onto pixel centres).
    const auto to_photo = [inv](cv::Point2d p) { return (p + cv::Point2d(0.5, 0.5)) * inv - cv::Point2d(0.5, 0.5); };
    const cv::Point2d centre(ellipse->center.x, ellipse->center.y);
    d.outline = cv::RotatedRect(cv::Point2f(to_photo(centre)),
                                cv::Size2f(static_cast<float>(ellipse->size.width * inv),
                                           static_cast<float>(ellipse->size.height * inv)),
                                ellipse->angle);
    const cv::Point2d lateral(-d.front_dir.y, d.front_dir.x);
    d.head_width_px = detect::extent_along(head, lateral) * inv;
    if (orient.brow_u)
      d.brows = to_photo(centre + d.front_dir * (*orient.brow_u * detect::semi_axes_along(*ellipse, d.front_dir)[0]));
    if (orient.face_below_crown)
      if (const auto u = detect::hair_start_toward(texture, head, *ellipse, d.front_dir))
        d.hair_start = to_photo(centre + d.front_dir * (*u * detect::semi_axes_along(*ellipse, d.front_dir)[0]));
    if (face.area() > 0)
      d.face = cv::Rect2d(face.x * inv, face.y * inv, face.width * inv, face.height * inv);
    d.head = to_working(head, working);
    d.scalp = to_working(skin, working);
    d.hair = to_working(hair, working);
    hair_cover(bgr, head, skin, hair, model, working, d);
    d.note = std::string(d.view == ViewKind::Front ? "frontal view" : "top view") + " (" + orient.why + ")" +
             (edge_outline ? "; head outline from its edges (the skin-coloured area around it left out)" : "");
    return d;
  } catch (const std::exception& e) {
    return fallback(photo, working, std::string("detection failed: ") + e.what());
  }
}

}  // namespace smp::sim
