#include "detect/head_segment.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp::sim::detect {

namespace {

// Sure-background strips: the top and the upper parts of the sides. The bottom is left
// out because shoulders, faces and bodies reach it in most consultation photos.
cv::Mat1b background_strips(cv::Size size, const HeadSegmentParams& p) {
  cv::Mat1b bg(size, uchar{0});
  const int t = std::max(1, static_cast<int>(std::lround(p.border_frac * std::min(size.width, size.height))));
  const int side_h = std::max(1, static_cast<int>(p.side_border_depth * size.height));
  bg(cv::Rect(0, 0, size.width, std::min(t, size.height))).setTo(255);
  bg(cv::Rect(0, 0, std::min(t, size.width), side_h)).setTo(255);
  bg(cv::Rect(std::max(0, size.width - t), 0, std::min(t, size.width), side_h)).setTo(255);
  return bg;
}

// Drops skin seeds whose colour is common in the background strips (beige walls, wood).
cv::Mat1b trusted_seeds(const cv::Mat3b& ycrcb, const cv::Mat1b& skin, const cv::Mat1b& bg) {
  constexpr int kBins = 16;  // per channel, 16 levels each
  std::vector<int> hist(kBins * kBins * kBins, 0);
  int n_bg = 0;
  auto bin = [](const cv::Vec3b& v) { return (v[0] / 16) * kBins * kBins + (v[1] / 16) * kBins + v[2] / 16; };
  for (int y = 0; y < ycrcb.rows; ++y)
    for (int x = 0; x < ycrcb.cols; ++x)
      if (bg(y, x)) {
        ++hist[static_cast<size_t>(bin(ycrcb(y, x)))];
        ++n_bg;
      }
  cv::Mat1b out = skin.clone();
  if (n_bg == 0) return out;
  const int limit = std::max(2, n_bg / 100);  // a colour bin holding 1% of the background
  for (int y = 0; y < ycrcb.rows; ++y)
    for (int x = 0; x < ycrcb.cols; ++x)
      if (out(y, x) && hist[static_cast<size_t>(bin(ycrcb(y, x)))] >= limit) out(y, x) = 0;
  return out;
}

}  // namespace

cv::Mat1b fill_holes(const cv::Mat1b& mask) {
  if (mask.empty()) return mask;
  cv::Mat1b padded;
  cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
  cv::Mat1b outside = padded.clone();
  cv::floodFill(outside, cv::Point(0, 0), 255);
  cv::Mat1b holes, filled;
  cv::bitwise_not(outside, holes);
  cv::bitwise_or(padded, holes, filled);
  return filled(cv::Rect(1, 1, mask.cols, mask.rows)).clone();
}

cv::Mat1b central_component(const cv::Mat1b& mask, cv::Point2d centre, double min_area) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  const double diag = std::hypot(mask.cols, mask.rows);
  int best = -1;
  double best_score = 0;
  for (int i = 1; i < n; ++i) {
    const double area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (area < min_area) continue;
    const double d = std::hypot(centroids.at<double>(i, 0) - centre.x, centroids.at<double>(i, 1) - centre.y);
    const double score = area * (1.0 - 0.8 * std::min(1.0, 2.0 * d / diag));  // big and central wins
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  if (best < 0) return {};
  cv::Mat out;
  cv::compare(labels, best, out, cv::CMP_EQ);
  return out;
}

HeadSegment segment_head(const cv::Mat3b& bgr, const cv::Mat3b& ycrcb, const cv::Mat1b& skin_rule,
                         const HeadSegmentParams& p) {
  HeadSegment result;
  const cv::Size size = bgr.size();
  if (size.width < 16 || size.height < 16) return result;
  // Border pixels that could be skin or hair stay "probably background": frontal photos
  // and close-ups put the head against the edges.
  cv::Mat1b bg = background_strips(size, p);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x)
      if (bg(y, x) && (skin_rule(y, x) || ycrcb(y, x)[0] < p.hair_luma)) bg(y, x) = 0;
  result.seeds = trusted_seeds(ycrcb, skin_rule, bg);

  cv::Mat1b hint(size, uchar{0});
  cv::ellipse(hint, cv::Point(size.width / 2, size.height / 2),
              cv::Size(static_cast<int>(p.centre_prior * size.width), static_cast<int>(p.centre_prior * size.height)),
              0, 0, 360, cv::Scalar(255), cv::FILLED);
  cv::bitwise_or(hint, result.seeds, hint);

  // GrabCut on a smaller copy; its result is scaled back up.
  const double g = std::min(1.0, static_cast<double>(p.grabcut_max_side) / std::max(size.width, size.height));
  cv::Mat3b small = bgr;
  cv::Mat1b small_hint = hint, small_bg = bg;
  if (g < 1.0) {
    cv::resize(bgr, small, cv::Size(), g, g, cv::INTER_AREA);
    cv::resize(hint, small_hint, small.size(), 0, 0, cv::INTER_NEAREST);
    cv::resize(bg, small_bg, small.size(), 0, 0, cv::INTER_NEAREST);
  }
  cv::Mat1b gc(small.size(), uchar{cv::GC_PR_BGD});
  gc.setTo(cv::GC_PR_FGD, small_hint);
  gc.setTo(cv::GC_BGD, small_bg);
  if (cv::countNonZero(small_hint) < 20) return result;

  // GrabCut's colour models break down on perfectly flat colours (a zero-variance cluster
  // makes its graph weights explode and the cut takes minutes): a fixed one-level dither
  // keeps every cluster's variance above zero and changes nothing visible.
  cv::Mat3b dithered;
  {
    cv::Mat noise(small.size(), CV_16SC3);
    cv::RNG rng(0x5eed);
    rng.fill(noise, cv::RNG::UNIFORM, cv::Scalar::all(-1), cv::Scalar::all(2));
    cv::Mat wide;
    small.convertTo(wide, CV_16SC3);
    wide += noise;
    wide.convertTo(dithered, CV_8UC3);
  }
  cv::Mat bgd_model, fgd_model;
  // GrabCut seeds its colour models with k-means on OpenCV's thread-local random generator:
  // a fixed state makes the same photo give the same head whatever ran before on the thread.
  const cv::RNG saved_rng = cv::theRNG();
  cv::theRNG() = cv::RNG(0x5eed);
  struct RestoreRng {
    cv::RNG saved;
    ~RestoreRng() { cv::theRNG() = saved; }
  } restore{saved_rng};
  try {
    cv::grabCut(dithered, gc, cv::Rect(), bgd_model, fgd_model, p.grabcut_iterations, cv::GC_INIT_WITH_MASK);
  } catch (const cv::Exception&) {
    return result;  // degenerate colour statistics (e.g. a uniform image): no head
  }
  cv::Mat fg_sure, fg_maybe, fg;
  cv::compare(gc, cv::GC_FGD, fg_sure, cv::CMP_EQ);
  cv::compare(gc, cv::GC_PR_FGD, fg_maybe, cv::CMP_EQ);
  cv::bitwise_or(fg_sure, fg_maybe, fg);
  if (g < 1.0) {
    cv::resize(fg, fg, size, 0, 0, cv::INTER_LINEAR);
    cv::threshold(fg, fg, 127, 255, cv::THRESH_BINARY);
  }
  const double min_area = p.min_area_frac * size.area();
  const cv::Point2d mid(size.width / 2.0, size.height / 2.0);
  cv::Mat1b head = central_component(fg, mid, min_area);
  if (head.empty()) return result;
  head = fill_holes(head);

  // Necks, arms and shoulders join the head through narrow bridges: open them away.
  const cv::Rect box = cv::boundingRect(head);
  const int k = std::max(3, static_cast<int>(p.neck_cut_frac * std::min(box.width, box.height)) | 1);
  cv::Mat1b opened;
  cv::morphologyEx(head, opened, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
  cv::Mat1b core = central_component(opened, mid, min_area);
  if (!core.empty()) head = core;
  result.head = head;
  return result;
}

}  // namespace smp::sim::detect
