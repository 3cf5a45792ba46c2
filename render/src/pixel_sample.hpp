#pragma once
// Pixel statistics over a masked region, shared by the shade and stubble measurements: pixels
// sampled on a grid (bounded cost on large photos) and percentiles of their values.

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace smp::render {

// Pixels of `photo` where `mask` (any size, mapped onto the photo; empty = everywhere) is at
// least 128, sampled on a grid of at most about `max_samples` points.
inline std::vector<cv::Vec3f> sample_under(const cv::Mat3b& photo, const cv::Mat1b& mask, double max_samples) {
  std::vector<cv::Vec3f> out;
  const int step = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(photo.total()) / max_samples)));
  for (int y = 0; y < photo.rows; y += step)
    for (int x = 0; x < photo.cols; x += step) {
      if (!mask.empty() && mask(y * mask.rows / photo.rows, x * mask.cols / photo.cols) < 128) continue;
      const cv::Vec3b c = photo(y, x);
      out.emplace_back(c[0], c[1], c[2]);
    }
  return out;
}

// The `p` quantile (0-1) of `v`, by rank; 0 for no values.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(std::clamp(p, 0.0, 1.0) * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace smp::render
