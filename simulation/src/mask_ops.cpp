#include "smp/sim/mask_ops.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace smp::sim {

namespace {

bool zero_or_255(const cv::Mat1b& m) {
  for (int y = 0; y < m.rows; ++y) {
    const uchar* p = m.ptr(y);
    for (int x = 0; x < m.cols; ++x)
      if (p[x] != 0 && p[x] != 255) return false;
  }
  return true;
}

// disc_dilate of a 0/255 mask with nothing past its edge.
cv::Mat1b grow_by_disc(const cv::Mat1b& m, int r) {
  // The half width of each row of OpenCV's own disc (symmetric about its centre column).
  const cv::Mat se = cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * r + 1, 2 * r + 1});
  std::vector<int> half(static_cast<std::size_t>(2 * r + 1), -1);
  for (int i = 0; i < se.rows; ++i)
    for (int j = se.cols - 1; j >= r; --j)
      if (se.at<uchar>(i, j)) {
        half[static_cast<std::size_t>(i)] = j - r;
        break;
      }
  // Each row's distance along it to its nearest set pixel (capped: by_disc sends discs over
  // 4000 px to OpenCV, so no disc reaches that far).
  constexpr int kFar = 32000;
  cv::Mat_<std::int16_t> along(m.size());
  cv::parallel_for_(cv::Range(0, m.rows), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      const uchar* p = m.ptr(y);
      std::int16_t* d = along.ptr<std::int16_t>(y);
      int last = -kFar;
      for (int x = 0; x < m.cols; ++x) {
        if (p[x]) last = x;
        d[x] = static_cast<std::int16_t>(std::min(x - last, kFar));
      }
      last = m.cols + kFar;
      for (int x = m.cols - 1; x >= 0; --x) {
        if (p[x]) last = x;
        d[x] = static_cast<std::int16_t>(std::min<int>(d[x], std::min(last - x, kFar)));
      }
    }
  });
  // A pixel is reached when some row of the disc, laid over it, meets a set pixel: the row
  // dy away holds one within that row's half width.
  cv::Mat1b out(m.size());
  cv::parallel_for_(cv::Range(0, m.rows), [&](const cv::Range& rows) {
    std::vector<std::int16_t> nearest(static_cast<std::size_t>(m.cols));
    for (int y = rows.start; y < rows.end; ++y) {
      std::fill(nearest.begin(), nearest.end(), static_cast<std::int16_t>(kFar));
      for (int i = std::max(0, r - y); i <= std::min(2 * r, r + m.rows - 1 - y); ++i) {
        const int w = half[static_cast<std::size_t>(i)];
        if (w < 0) continue;
        const std::int16_t* d = along.ptr<std::int16_t>(y + i - r);
        const auto wi = static_cast<std::int16_t>(w);
        for (int x = 0; x < m.cols; ++x) nearest[static_cast<std::size_t>(x)] = std::min(nearest[static_cast<std::size_t>(x)], static_cast<std::int16_t>(d[x] - wi));
      }
      uchar* o = out.ptr(y);
      for (int x = 0; x < m.cols; ++x) o[x] = nearest[static_cast<std::size_t>(x)] <= 0 ? 255 : 0;
    }
  });
  return out;
}

// `m` grown (`grow`) or shrunk by OpenCV's disc, past the edge as `disc_dilate` says.
cv::Mat1b by_disc(const cv::Mat1b& m, int r, bool replicate, bool grow) {
  if (m.empty() || r <= 0) return m.clone();
  // OpenCV visits every pixel of the disc (r² per pixel), the rows one run per row of it (r per
  // pixel, after a fixed pass; its inner loop needs the optimised build's vectoriser): OpenCV
  // is about as quick at a radius of 12 px and the quicker below.
  constexpr int kRowsFrom = 16;
  // A view into a larger image goes to OpenCV too: OpenCV reads the pixels around the view.
  if (r < kRowsFrom || r > 4000 || m.isSubmatrix() || !zero_or_255(m)) {
    cv::Mat1b out;
    const cv::Mat se = cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * r + 1, 2 * r + 1});
    const int border = replicate ? cv::BORDER_REPLICATE : cv::BORDER_CONSTANT;
    if (grow)
      cv::dilate(m, out, se, {-1, -1}, 1, border);
    else
      cv::erode(m, out, se, {-1, -1}, 1, border);
    return out;
  }
  if (replicate) {
    // Past the edge as the edge pixels: within r of it, what a replicated border holds.
    cv::Mat1b padded;
    cv::copyMakeBorder(m, padded, r, r, r, r, cv::BORDER_REPLICATE);
    return by_disc(padded, r, false, grow)(cv::Rect(r, r, m.cols, m.rows)).clone();
  }
  if (grow) return grow_by_disc(m, r);
  // Shrinking is growing the unset pixels, with everything set past the edge.
  return inverse(grow_by_disc(inverse(m), r));
}

}  // namespace

cv::Mat1b disc_dilate(const cv::Mat1b& m, int r, bool replicate) { return by_disc(m, r, replicate, true); }

cv::Mat1b disc_erode(const cv::Mat1b& m, int r, bool replicate) { return by_disc(m, r, replicate, false); }

cv::Rect edge_box(const cv::Mat1b& mask, int grow) {
  if (mask.empty()) return {};
  cv::Mat1b shrunk;
  cv::erode(mask, shrunk, cv::Mat());
  const cv::Rect box = cv::boundingRect(without(dilated(mask, 1), shrunk));
  if (box.empty()) return {};
  return cv::Rect(box.x - grow, box.y - grow, box.width + 2 * grow, box.height + 2 * grow) &
         cv::Rect(0, 0, mask.cols, mask.rows);
}

cv::Mat1b within_reach(const cv::Mat1b& seed, double reach, int distance_mask, double px_scale) {
  cv::Mat1b out = seed.clone();
  if (seed.empty() || !(reach >= 0) || !(px_scale > 0)) return out;
  // A pixel within reach lies within reach (in pixels) of the seed's edge, so the work is
  // bounded by the edge's box grown by that much.
  const double reach_px = std::min(reach / px_scale, static_cast<double>(seed.cols + seed.rows));
  const cv::Rect roi = edge_box(seed, static_cast<int>(std::ceil(reach_px)) + 2);
  if (roi.empty()) return out;  // all or nothing: no edge to reach across
  cv::Mat1f distance;
  cv::distanceTransform(inverse(seed(roi)), distance, cv::DIST_L2, distance_mask);
  distance *= px_scale;
  cv::Mat1b near;
  cv::compare(distance, reach, near, cv::CMP_LE);
  cv::Mat1b target = out(roi);
  cv::bitwise_or(target, near, target);
  return out;
}

cv::Mat1b pieces_touching(const cv::Mat1b& mask, const cv::Mat1b& seed, double min_share) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<char> keep(static_cast<std::size_t>(n), 0);
  int largest = 0;
  for (int i = 1; i < n; ++i) largest = std::max(largest, stats.at<int>(i, cv::CC_STAT_AREA));
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x)
      if (seed(y, x)) keep[static_cast<std::size_t>(labels.at<int>(y, x))] = 1;
  cv::Mat1b out(mask.size(), uchar{0});
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const int l = labels.at<int>(y, x);
      if (l > 0 && keep[static_cast<std::size_t>(l)] && stats.at<int>(l, cv::CC_STAT_AREA) >= min_share * largest)
        out(y, x) = 255;
    }
  return out;
}

cv::Mat1b pieces_of_at_least(const cv::Mat1b& mask, double min_area) {
  cv::Mat labels, stats, centroids;
  cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  cv::Mat1b out(mask.size(), uchar{0});
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const int l = labels.at<int>(y, x);
      if (l > 0 && stats.at<int>(l, cv::CC_STAT_AREA) >= min_area) out(y, x) = 255;
    }
  return out;
}

cv::Mat1b pieces_bordered_by(const cv::Mat1b& mask, const cv::Mat1b& by, double min_share) {
  cv::Mat labels;
  const int n = cv::connectedComponents(mask, labels, 8, CV_32S);
  if (n <= 1) return cv::Mat1b(mask.size(), uchar{0});
  // Each border pixel counted once per piece next to it (3x3 neighbourhood).
  std::vector<double> border(static_cast<std::size_t>(n), 0.0), in_by(static_cast<std::size_t>(n), 0.0);
  std::vector<int> seen;
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      if (mask(y, x)) continue;
      seen.clear();
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int yy = y + dy, xx = x + dx;
          if (yy < 0 || xx < 0 || yy >= mask.rows || xx >= mask.cols) continue;
          const int l = labels.at<int>(yy, xx);
          if (l > 0 && std::find(seen.begin(), seen.end(), l) == seen.end()) seen.push_back(l);
        }
      for (const int l : seen) {
        border[static_cast<std::size_t>(l)] += 1;
        if (by(y, x)) in_by[static_cast<std::size_t>(l)] += 1;
      }
    }
  cv::Mat1b out(mask.size(), uchar{0});
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const auto l = static_cast<std::size_t>(labels.at<int>(y, x));
      if (l > 0 && border[l] > 0 && in_by[l] >= min_share * border[l]) out(y, x) = 255;
    }
  return out;
}

}  // namespace smp::sim
