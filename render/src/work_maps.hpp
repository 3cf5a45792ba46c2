#pragma once
// Maps of the buzz preview's work size and the photo: a smooth fill of unknown pixels from
// known ones, a work-size map resampled onto part of the photo, and photo-sized images made
// in bands of rows.

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace smp::render::detail {

// Smooth fill of the unknown pixels from the known ones (weight 1): a pull-push pyramid, so the
// far parts of a large hole take the colour of all the skin around it and the near parts that
// of the skin next to them, with no seam.
cv::Mat3f pull_push(const cv::Mat3f& value, const cv::Mat1f& weight);

// A work-size map resampled onto `box` of the photo (photo px), pixel centres aligned.
template <typename M>
M onto_photo(const M& work_map, double work_per_photo, cv::Rect box) {
  const double s = work_per_photo;
  const cv::Matx23d m(s, 0, (box.x + 0.5) * s - 0.5, 0, s, (box.y + 0.5) * s - 0.5);
  M out;
  cv::warpAffine(work_map, out, m, box.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
  return out;
}

// `work_rect` of the work-size maps in photo px, grown by `margin` work px, inside the photo.
inline cv::Rect photo_rect(cv::Rect work_rect, double work_per_photo, cv::Size photo, int margin) {
  const double inv = 1.0 / work_per_photo;
  const cv::Rect r(cv::Point(static_cast<int>((work_rect.x - margin) * inv), static_cast<int>((work_rect.y - margin) * inv)),
                   cv::Point(static_cast<int>(std::ceil((work_rect.br().x + margin) * inv)),
                             static_cast<int>(std::ceil((work_rect.br().y + margin) * inv))));
  return r & cv::Rect(cv::Point(0, 0), photo);
}

// An image of `size` filled with `value`, or a copy of `src`, made in bands of rows on all of
// OpenCV's threads: a photo-sized image is fresh memory, and the first touch of its pages,
// which one thread would pay alone, is most of its cost.
template <typename T>
cv::Mat_<T> filled_in_bands(cv::Size size, const T& value) {
  cv::Mat_<T> out(size);
  cv::parallel_for_(cv::Range(0, size.height), [&](const cv::Range& rows) { out.rowRange(rows.start, rows.end) = value; });
  return out;
}

template <typename T>
cv::Mat_<T> copied_in_bands(const cv::Mat_<T>& src) {
  cv::Mat_<T> out(src.size());
  if (src.empty()) return out;
  cv::parallel_for_(cv::Range(0, src.rows), [&](const cv::Range& rows) {
    src.rowRange(rows.start, rows.end).copyTo(out.rowRange(rows.start, rows.end));
  });
  return out;
}

}  // namespace smp::render::detail
