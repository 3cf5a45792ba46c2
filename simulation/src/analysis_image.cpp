#include "smp/sim/analysis_image.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim {

namespace {

// `in` scaled down (area averaging, same type) so its long side is at most `max_side`.
cv::Mat bounded_any(const cv::Mat& in, int max_side) {
  const double s = static_cast<double>(std::max(max_side, 1)) / std::max(in.cols, in.rows);
  if (s >= 1.0) return in;
  cv::Mat out;
  cv::resize(in, out, cv::Size(std::max(1, static_cast<int>(std::lround(in.cols * s))),
                               std::max(1, static_cast<int>(std::lround(in.rows * s)))),
             0, 0, cv::INTER_AREA);
  return out;
}

// Any 8-bit or 16-bit, 1/3/4-channel image as 8-bit BGR; empty when it cannot be converted.
cv::Mat3b to_bgr8(const cv::Mat& in) {
  if (in.empty() || in.dims != 2) return {};
  cv::Mat img = in;
  if (img.depth() != CV_8U) {
    double lo = 0, hi = 0;
    cv::minMaxLoc(img.reshape(1), &lo, &hi);
    const double scale = hi > lo ? 255.0 / (hi - lo) : 1.0;
    img.convertTo(img, CV_8U, scale, -lo * scale);
  }
  cv::Mat3b out;
  switch (img.channels()) {
    case 1: cv::cvtColor(img, out, cv::COLOR_GRAY2BGR); break;
    case 3: out = img; break;
    case 4: cv::cvtColor(img, out, cv::COLOR_BGRA2BGR); break;
    default: return {};
  }
  return out;
}

}  // namespace

AnalysisImage make_analysis_image(const cv::Mat& photo, int max_side) {
  AnalysisImage a;
  if (photo.empty() || photo.dims != 2) return a;
  a.photo_size = photo.size();
  a.pixels = to_bgr8(bounded_any(photo, max_side));
  return a;
}

cv::Mat3b bounded_copy(const cv::Mat3b& image, int max_side) {
  if (image.empty()) return image;
  return bounded_any(image, max_side);
}

}  // namespace smp::sim
