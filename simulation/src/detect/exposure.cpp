#include "detect/exposure.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>

namespace smp::sim::detect {

int bright_luma(const cv::Mat3b& bgr) {
  if (bgr.empty()) return 0;
  cv::Mat1b grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  std::array<std::size_t, 256> hist{};
  for (int y = 0; y < grey.rows; ++y) {
    const uchar* row = grey.ptr<uchar>(y);
    for (int x = 0; x < grey.cols; ++x) ++hist[row[x]];
  }
  // The level at or below which 99 % of the pixels lie.
  const std::size_t want = (grey.total() * 99 + 99) / 100;
  std::size_t seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[static_cast<std::size_t>(v)];
    if (seen >= want) return v;
  }
  return 255;
}

cv::Mat3b brightened_to(const cv::Mat3b& bgr, double low) {
  const int bright = bright_luma(bgr);
  if (bright <= 0 || bright >= low) return bgr;
  const double gain = std::min(low / bright, kMaxExposureGain);
  if (gain < 1.005) return bgr;
  cv::Mat3b out;
  bgr.convertTo(out, CV_8UC3, gain);
  return out;
}

}  // namespace smp::sim::detect
