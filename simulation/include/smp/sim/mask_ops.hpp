#pragma once
// Set operations on 8-bit masks (255 inside, 0 outside), as values: the mask logic of the
// automatic plan and the buzz-cut preview reads as the sets it means.

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cstddef>
#include <cstring>
#include <vector>

namespace smp::sim {

inline cv::Mat1b both(const cv::Mat1b& a, const cv::Mat1b& b) {
  cv::Mat1b out;
  cv::bitwise_and(a, b, out);
  return out;
}

inline cv::Mat1b either(const cv::Mat1b& a, const cv::Mat1b& b) {
  cv::Mat1b out;
  cv::bitwise_or(a, b, out);
  return out;
}

inline cv::Mat1b inverse(const cv::Mat1b& a) {
  cv::Mat1b out;
  cv::bitwise_not(a, out);
  return out;
}

inline cv::Mat1b without(const cv::Mat1b& a, const cv::Mat1b& b) { return both(a, inverse(b)); }

// The convex hull of all the mask's pixels, filled (empty mask: nothing). It is the hull of
// each row's first and last pixel: a few thousand points to sort, not a mask's millions.
inline cv::Mat1b convex_hull(const cv::Mat1b& m) {
  cv::Mat1b out(m.size(), uchar{0});
  if (m.empty()) return out;
  std::vector<cv::Point> ends, hull;
  for (int y = 0; y < m.rows; ++y) {
    const uchar* row = m[y];
    int first = 0, last = m.cols - 1;
    while (first < m.cols && !row[first]) ++first;
    if (first == m.cols) continue;
    while (!row[last]) --last;
    ends.emplace_back(first, y);
    if (last != first) ends.emplace_back(last, y);
  }
  if (ends.empty()) return out;
  cv::convexHull(ends, hull);
  cv::fillConvexPoly(out, hull, cv::Scalar(255));
  return out;
}

// Whether two masks hold the same pixels (two empty masks do). Caches compare the masks a
// result was made from with a new plan's this way.
inline bool same_pixels(const cv::Mat1b& a, const cv::Mat1b& b) {
  if (a.size() != b.size()) return false;
  if (a.data == b.data || a.empty()) return true;
  for (int y = 0; y < a.rows; ++y)
    if (std::memcmp(a.ptr(y), b.ptr(y), static_cast<std::size_t>(a.cols)) != 0) return false;
  return true;
}

// A 0/255 mask grown (disc_dilate) or shrunk (disc_erode) by OpenCV's disc of radius `r` px
// (getStructuringElement(MORPH_ELLIPSE, {2r + 1, 2r + 1})): the same pixels as cv::dilate and
// cv::erode with it, past the image's edge nothing when growing and everything when shrinking
// (OpenCV's default) or, with `replicate`, the edge pixels again; r <= 0 gives a copy. For radii
// of 16 to 4000 px the disc is taken row by row: each of its rows is a run, met by every mask
// row's distance to its nearest set pixel, so the cost grows with r, not r². Other radii, masks
// with other values than 0 and 255, and views into a larger image (whose surroundings OpenCV
// reads) go to OpenCV.
cv::Mat1b disc_dilate(const cv::Mat1b& m, int r, bool replicate = false);
cv::Mat1b disc_erode(const cv::Mat1b& m, int r, bool replicate = false);

// Grown by a disc of radius `r` px.
inline cv::Mat1b dilated(const cv::Mat1b& m, int r) { return disc_dilate(m, r); }

// Closed (grown, then shrunk) and opened (shrunk, then grown) by the disc of disc_dilate: the
// same pixels as OpenCV's MORPH_CLOSE and MORPH_OPEN with it, past the edge as disc_dilate says.
inline cv::Mat1b disc_close(const cv::Mat1b& m, int r, bool replicate = false) {
  return disc_erode(disc_dilate(m, r, replicate), r, replicate);
}
inline cv::Mat1b disc_open(const cv::Mat1b& m, int r, bool replicate = false) {
  return disc_dilate(disc_erode(m, r, replicate), r, replicate);
}

// The box of the pixels where `mask` changes (on either side of its edge), grown by `grow` px
// and kept inside the mask; empty when the mask is all one value. Distances up to `grow` from
// the edge are measured inside it.
cv::Rect edge_box(const cv::Mat1b& mask, int grow);

// `seed` and every pixel whose distance to it (cv::distanceTransform with DIST_L2 and
// `distance_mask`, in pixels, times `px_scale`) is at most `reach`. The same pixels as a
// distance transform of the whole mask, computed only around the seed's edge: a treatment
// mask is millions of pixels, the band within reach of its edge a small part of them.
cv::Mat1b within_reach(const cv::Mat1b& seed, double reach, int distance_mask, double px_scale = 1.0);

// Pieces of `mask` that touch `seed`, dropping pieces smaller than `min_share` of the largest.
cv::Mat1b pieces_touching(const cv::Mat1b& mask, const cv::Mat1b& seed, double min_share);

// Pieces of `mask` (8-connected) of at least `min_area` px.
cv::Mat1b pieces_of_at_least(const cv::Mat1b& mask, double min_area);

// Pieces of `mask` (8-connected) at least `min_share` of whose border (the pixels just
// outside them, 8-neighbours) lies in `by`.
cv::Mat1b pieces_bordered_by(const cv::Mat1b& mask, const cv::Mat1b& by, double min_share);

}  // namespace smp::sim
