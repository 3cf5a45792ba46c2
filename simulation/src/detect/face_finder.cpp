#include "detect/face_finder.hpp"

#include <opencv2/core/ocl.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <vector>

namespace smp::sim::detect {

bool load_cascade(cv::CascadeClassifier& cascade, const std::string& path) {
  if (path.empty() || !std::ifstream(path).good()) return false;
  try {
    return cascade.load(path);
  } catch (const cv::Exception&) {
    return false;  // a damaged cascade file means "no detection", never a crash
  }
}

std::vector<cv::Rect> eyes_in_face(const cv::Mat1b& grey, const cv::Rect& face, cv::CascadeClassifier& eye_cascade) {
  // The eyes lie between a sixth and two thirds of the way down a frontal face box.
  const cv::Rect band = cv::Rect(face.x, face.y + face.height / 6, face.width, face.height / 2) & cv::Rect(0, 0, grey.cols, grey.rows);
  std::vector<cv::Rect> eyes;
  if (band.area() == 0) return eyes;
  const int min_eye = std::max(8, face.width / 9);
  eye_cascade.detectMultiScale(grey(band), eyes, 1.08, 3, 0, cv::Size(min_eye, min_eye),
                               cv::Size(face.width / 2, face.width / 2));
  for (cv::Rect& e : eyes) e += band.tl();
  return eyes;
}

FoundFace find_face(const cv::Mat1b& grey, const cv::Mat1b& head, const FaceFinderParams& params) {
  FoundFace out;
  if (head.empty()) return out;
  cv::CascadeClassifier cascade;
  try {
    // The cascade works on UMat copies, and the first UMat makes OpenCV probe for an OpenCL
    // driver (a dlopen of whatever GPU runtime is installed) on this thread. The detection
    // runs on the CPU: the probe is skipped.
    cv::ocl::setUseOpenCL(false);
    if (!load_cascade(cascade, params.cascade_path)) return out;
    const cv::Rect box = cv::boundingRect(head);
    if (box.width < 24 || box.height < 24) return out;
    cv::Mat1b eq;
    cv::equalizeHist(grey, eq);
    std::vector<cv::Rect> faces;
    const int min_w = static_cast<int>(params.min_width_of_head * box.width);
    cascade.detectMultiScale(eq, faces, 1.1, 5, 0, cv::Size(min_w, min_w));
    for (const cv::Rect& f : faces) {
      if (f.width > params.max_width_of_head * box.width) continue;
      const cv::Point centre(f.x + f.width / 2, f.y + f.height / 2);
      if (!box.contains(centre) || !head(centre.y, centre.x)) continue;
      if (f.area() > out.box.area()) out.box = f;
    }
    cv::CascadeClassifier eye_cascade;
    if (out.box.area() > 0 && load_cascade(eye_cascade, params.eye_cascade_path))
      out.eyes = !eyes_in_face(eq, out.box, eye_cascade).empty();
    return out;
  } catch (const cv::Exception&) {
    return {};  // a broken cascade file must not stop the plan
  }
}

}  // namespace smp::sim::detect
