#pragma once
// One bounded working copy of a photo for the analyses that judge the whole photo at
// arm's length (finding the head and the scalp, measuring the client's stubble). It is made
// once when a photo is opened, by area averaging, and every such analysis starts from it,
// so none of them reads the full photo again and their cost does not grow with its size.
// Measurements that need full resolution (blur and noise on a central crop, strand shades
// sampled on a grid) stay on the photo; their cost is bounded by their own limits.

#include <opencv2/core.hpp>

namespace smp::sim {

// Long side of the analysis image, px: twice the detection size (512), where the texture
// of short hair still shows.
inline constexpr int kAnalysisMaxSide = 1024;

struct AnalysisImage {
  cv::Mat3b pixels;     // 8-bit BGR, long side at most the bound it was made with (never
                        // enlarged: a small photo's own pixels, shared); empty when the photo
                        // is empty or of a type that cannot be converted
  cv::Size photo_size;  // the photo it stands for, photo px (0x0 for an empty photo)

  bool empty() const { return pixels.empty(); }
  // True when made from a photo of `size` (the analyses check this before trusting it).
  bool stands_for(cv::Size size) const { return !pixels.empty() && photo_size == size; }
};

// Scaled down by area averaging in the photo's own type, so its long side is at most
// `max_side`, then converted to 8-bit BGR (grey, BGRA and 16-bit photos are accepted).
AnalysisImage make_analysis_image(const cv::Mat& photo, int max_side = kAnalysisMaxSide);

// `image` scaled down by area averaging so its long side is at most `max_side`; `image`
// itself (shared, not copied) when it already is.
cv::Mat3b bounded_copy(const cv::Mat3b& image, int max_side);

}  // namespace smp::sim
