#include "detect/face_finder.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <fstream>
#include <vector>

namespace smp::sim::detect {

cv::Rect find_face(const cv::Mat1b& grey, const cv::Mat1b& head, const FaceFinderParams& params) {
  if (params.cascade_path.empty() || head.empty() || !std::ifstream(params.cascade_path).good()) return {};
  cv::CascadeClassifier cascade;
  try {
    if (!cascade.load(params.cascade_path)) return {};
    const cv::Rect box = cv::boundingRect(head);
    if (box.width < 24 || box.height < 24) return {};
    cv::Mat1b eq;
    cv::equalizeHist(grey, eq);
    std::vector<cv::Rect> faces;
    const int min_w = static_cast<int>(params.min_width_of_head * box.width);
    cascade.detectMultiScale(eq, faces, 1.1, 5, 0, cv::Size(min_w, min_w));
    cv::Rect best;
    for (const cv::Rect& f : faces) {
      if (f.width > params.max_width_of_head * box.width) continue;
      const cv::Point centre(f.x + f.width / 2, f.y + f.height / 2);
      if (!box.contains(centre) || !head(centre.y, centre.x)) continue;
      if (f.area() > best.area()) best = f;
    }
    return best;
  } catch (const cv::Exception&) {
    return {};  // a broken cascade file must not stop the plan
  }
}

}  // namespace smp::sim::detect
