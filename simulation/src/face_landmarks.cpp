// detect_face_landmarks: Haar cascades for the face and the eyes (Debian's opencv-data).
// The eyes fix the midline's tilt, the interpupillary distance and the outer eye corners;
// when they are not found the face box's usual proportions stand in for them.

#include "smp/sim/face_rules.hpp"

#include "detect/face_finder.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace smp::sim {

namespace {

cv::Point2d centre(const cv::Rect& r) { return {r.x + r.width / 2.0, r.y + r.height / 2.0}; }

// The most plausible pair of eyes in face-box coordinates: one in each half, level, of
// similar size, a plausible distance apart.
std::optional<std::pair<cv::Point2d, cv::Point2d>> best_eye_pair(const std::vector<cv::Rect>& eyes, const cv::Rect& face) {
  double best = -1;
  std::optional<std::pair<cv::Point2d, cv::Point2d>> out;
  for (const cv::Rect& a : eyes)
    for (const cv::Rect& b : eyes) {
      const cv::Point2d ca = centre(a), cb = centre(b);
      if (ca.x >= cb.x) continue;  // a is the image-left eye
      if (ca.x > face.width * 0.5 || cb.x < face.width * 0.5) continue;
      const double dx = cb.x - ca.x, dy = std::abs(cb.y - ca.y);
      if (dx < 0.25 * face.width || dx > 0.65 * face.width || dy > 0.12 * face.height) continue;
      const double size_ratio = std::min(a.width, b.width) / static_cast<double>(std::max(a.width, b.width));
      if (size_ratio < 0.6) continue;
      const double score = size_ratio - dy / face.height - std::abs(0.5 * (ca.x + cb.x) - face.width * 0.5) / face.width;
      if (score > best) {
        best = score;
        out = std::pair{ca, cb};
      }
    }
  return out;
}

}  // namespace

FaceLandmarks detect_face_landmarks(const cv::Mat& photo_bgr, const FaceDetectParams& params) {
  FaceLandmarks lm;
  if (photo_bgr.empty() || photo_bgr.depth() != CV_8U) {
    lm.note = "no photo to look for a face in";
    return lm;
  }
  cv::CascadeClassifier face_cascade, eye_cascade;
  if (!detect::load_cascade(face_cascade, params.face_cascade)) {
    lm.note = "face detection unavailable (cascade " + params.face_cascade + " not found; install opencv-data)";
    return lm;
  }
  const bool have_eyes = detect::load_cascade(eye_cascade, params.eye_cascade);
  try {
    const double s = std::min(1.0, static_cast<double>(std::max(params.detection_max_side, 64)) /
                                       std::max(photo_bgr.cols, photo_bgr.rows));
    cv::Mat small, grey;
    cv::resize(photo_bgr, small, cv::Size(), s, s, cv::INTER_AREA);
    if (small.channels() == 3) cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
    else if (small.channels() == 4) cv::cvtColor(small, grey, cv::COLOR_BGRA2GRAY);
    else grey = small;
    cv::equalizeHist(grey, grey);
    const int min_face = std::max(24, static_cast<int>(params.min_face_fraction * std::min(grey.cols, grey.rows)));
    std::vector<cv::Rect> faces;
    face_cascade.detectMultiScale(grey, faces, 1.08, 5, 0, cv::Size(min_face, min_face));
    if (faces.empty()) {
      lm.note = "no face found (a top view?): hairline rules need a frontal photo";
      return lm;
    }
    const cv::Rect face = *std::max_element(faces.begin(), faces.end(),
                                            [](const cv::Rect& a, const cv::Rect& b) { return a.area() < b.area(); });

    // Eyes: in the upper part of the face box.
    std::optional<std::pair<cv::Point2d, cv::Point2d>> pair;
    if (have_eyes) {
      std::vector<cv::Rect> eyes = detect::eyes_in_face(grey, face, eye_cascade);
      for (cv::Rect& e : eyes) e -= face.tl();  // to face-box coordinates
      pair = best_eye_pair(eyes, face);
    }
    cv::Point2d left, right;
    if (pair) {
      left = pair->first;
      right = pair->second;
    } else {
      const double y = params.eye_line_of_face * face.height;
      left = {face.width * (0.5 - params.pupil_offset_of_face), y};
      right = {face.width * (0.5 + params.pupil_offset_of_face), y};
    }
    const double inv = 1.0 / s;
    auto to_photo = [&](cv::Point2d p) { return cv::Point2d((face.x + p.x + 0.5) * inv - 0.5, (face.y + p.y + 0.5) * inv - 0.5); };
    lm.found = true;
    lm.eyes_detected = pair.has_value();
    lm.face = cv::Rect2d(face.x * inv, face.y * inv, face.width * inv, face.height * inv);
    lm.pupil_left = to_photo(left);
    lm.pupil_right = to_photo(right);
    const cv::Point2d across = lm.pupil_right - lm.pupil_left;
    const double ipd = std::max(cv::norm(across), 1.0);
    const cv::Point2d e = across / ipd;
    lm.up = {e.y, -e.x};  // perpendicular to the eye line, toward the top of the image
    const cv::Point2d mid = 0.5 * (lm.pupil_left + lm.pupil_right);
    lm.outer_corner_left = mid - e * (params.outer_corner_of_ipd * ipd);
    lm.outer_corner_right = mid + e * (params.outer_corner_of_ipd * ipd);
    lm.glabella = mid + lm.up * (params.glabella_above_pupils_mm * ipd / params.typical_ipd_mm);
    lm.note = pair ? "face and both eyes found"
                   : "face found; eyes not found, their positions estimated from the face's proportions";
    return lm;
  } catch (const cv::Exception& ex) {
    lm = FaceLandmarks{};
    lm.note = std::string("face detection failed: ") + ex.err;
    return lm;
  }
}

}  // namespace smp::sim
