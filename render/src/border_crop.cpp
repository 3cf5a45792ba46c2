#include "smp/render/border_crop.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

namespace {

// Share of `mask` (binary, mapped onto a grid of `cells`) per cell, 0-1.
cv::Mat1f coverage(const cv::Mat1b& mask, cv::Size cells) {
  cv::Mat1f f;
  mask.convertTo(f, CV_32F, 1.0 / 255.0);
  cv::Mat1f out;
  cv::resize(f, out, cells, 0, 0, cv::INTER_AREA);
  return out;
}

}  // namespace

std::optional<cv::Rect> border_crop(const cv::Mat1b& hair, const cv::Mat1b& treated, cv::Size image_size, cv::Size crop,
                                    const BorderCropParams& params) {
  if (hair.empty() || treated.empty() || crop.width > image_size.width || crop.height > image_size.height) return std::nullopt;
  const double cell = std::max(1.0, static_cast<double>(crop.width) / params.cells_across);
  const cv::Size cells(std::max(1, static_cast<int>(std::lround(image_size.width / cell))),
                       std::max(1, static_cast<int>(std::lround(image_size.height / cell))));
  cv::Mat1b h, t;
  cv::threshold(hair, h, 127, 255, cv::THRESH_BINARY);
  cv::threshold(treated, t, 127, 255, cv::THRESH_BINARY);
  const cv::Mat1f hs = coverage(h, cells), ts = coverage(t, cells);
  const int ww = std::max(1, static_cast<int>(std::lround(crop.width / cell)));
  const int wh = std::max(1, static_cast<int>(std::lround(crop.height / cell)));
  cv::Mat1d hi, ti;
  cv::integral(hs, hi, CV_64F);
  cv::integral(ts, ti, CV_64F);
  const auto box = [&](const cv::Mat1d& ii, int x, int y) {
    return (ii(y + wh, x + ww) - ii(y, x + ww) - ii(y + wh, x) + ii(y, x)) / (ww * wh);
  };
  double best = params.min_share;
  std::optional<cv::Point> at;
  for (int y = 0; y + wh <= cells.height; ++y)
    for (int x = 0; x + ww <= cells.width; ++x) {
      const double a = box(hi, x, y), b = box(ti, x, y);
      const double score = std::min(a, b);
      if (score > best) {
        best = score;
        at = cv::Point(x, y);
      }
    }
  if (!at) return std::nullopt;
  const int x = std::clamp(static_cast<int>(std::lround(at->x * cell)), 0, image_size.width - crop.width);
  const int y = std::clamp(static_cast<int>(std::lround(at->y * cell)), 0, image_size.height - crop.height);
  return cv::Rect(x, y, crop.width, crop.height);
}

}  // namespace smp::render
