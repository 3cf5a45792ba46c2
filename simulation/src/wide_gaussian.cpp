#include "smp/sim/wide_gaussian.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim {

cv::Mat1f wide_gaussian(const cv::Mat1f& in, double sigma, int border) {
  cv::Mat1f out;
  const int f = std::max(1, static_cast<int>(sigma / 4));
  if (f < 2) {
    cv::GaussianBlur(in, out, {0, 0}, sigma, sigma, border);
    return out;
  }
  cv::Mat1f small;
  cv::resize(in, small, cv::Size((in.cols + f - 1) / f, (in.rows + f - 1) / f), 0, 0, cv::INTER_AREA);
  const double s = std::sqrt(std::max(sigma * sigma - (f * f - 1) / 12.0, 1.0)) / f;
  cv::GaussianBlur(small, small, {0, 0}, s, s, border);
  cv::resize(small, out, in.size(), 0, 0, cv::INTER_LINEAR);
  return out;
}

}  // namespace smp::sim
