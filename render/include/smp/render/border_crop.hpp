#pragma once
// Where to look for the border between the client's own stubble (remaining hair) and the
// simulated work: a window of a given size at full resolution that holds as much of both as
// possible, centred near their shared edge. Used for 100 % before/after crops.

#include <opencv2/core.hpp>

#include <optional>

namespace smp::render {

struct BorderCropParams {
  int cells_across = 48;      // the search runs on a grid of about this many cells per window width
  double min_share = 0.03;    // each side must fill more than this share of the window
};

// `hair` and `treated` (any size, mapped onto `image_size`): the remaining hair and the bare
// treated scalp. None when no window of `crop` size holds enough of both.
std::optional<cv::Rect> border_crop(const cv::Mat1b& hair, const cv::Mat1b& treated, cv::Size image_size, cv::Size crop,
                                    const BorderCropParams& params = {});

}  // namespace smp::render
