#include "smp/render/buzz_metrics.hpp"

#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp::render {

namespace {

cv::Mat1b to_photo(const cv::Mat1b& m, cv::Size size) {
  cv::Mat1b out;
  cv::resize(m, out, size, 0, 0, cv::INTER_NEAREST);
  return out;
}

// Mean |grey - its Gaussian blur of `sigma` px| on `mask`: detail finer than the blur.
double fine_texture(const cv::Mat1b& grey, const cv::Mat1b& mask, double sigma) {
  cv::Mat1f g, blurred, diff;
  grey.convertTo(g, CV_32F);
  cv::GaussianBlur(g, blurred, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  cv::absdiff(g, blurred, diff);
  return cv::mean(diff, mask)[0];
}

// The head after the buzz with the hair it removed beyond it (work size).
cv::Mat1b head_with_removed(const sim::BuzzRegions& r, const cv::Mat1b& removed) {
  cv::Mat1b head;
  cv::bitwise_or(r.head_after, r.uncover, head);
  if (!removed.empty()) cv::bitwise_or(head, removed, head);
  return head;
}

double median_under(const cv::Mat1b& grey, const cv::Mat1b& mask) {
  std::vector<uchar> v;
  for (int y = 0; y < grey.rows; ++y)
    for (int x = 0; x < grey.cols; ++x)
      if (mask(y, x)) v.push_back(grey(y, x));
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// BuzzFigures::fill_step; `head` and `volume` at work size.
std::optional<double> fill_step(const cv::Mat3b& photo, const cv::Mat3b& buzzed, const cv::Mat1b& head,
                                const cv::Mat1b& volume) {
  if (volume.empty()) return std::nullopt;
  const cv::Mat1b head_p = to_photo(head, photo.size()), volume_p = to_photo(volume, photo.size());
  cv::Mat1f in_volume, to_head;
  cv::distanceTransform(volume_p, in_volume, cv::DIST_L2, 3);
  cv::Mat1b off_head;
  cv::bitwise_not(head_p, off_head);
  cv::distanceTransform(off_head, to_head, cv::DIST_L2, 3);
  const auto between = [](const cv::Mat1f& d, float lo, float hi) {
    cv::Mat1b a, b;
    cv::compare(d, lo, a, cv::CMP_GT);
    cv::compare(d, hi, b, cv::CMP_LE);
    cv::bitwise_and(a, b, a);
    return a;
  };
  const cv::Mat1b fill_ring = between(in_volume, 2, 10), beside = between(to_head, 8, 16);
  constexpr int kMinPixels = 50;
  if (cv::countNonZero(fill_ring) < kMinPixels || cv::countNonZero(beside) < kMinPixels) return std::nullopt;
  cv::Mat1b grey_p, grey_b;
  cv::cvtColor(photo, grey_p, cv::COLOR_BGR2GRAY);
  cv::cvtColor(buzzed, grey_b, cv::COLOR_BGR2GRAY);
  return median_under(grey_b, fill_ring) - median_under(grey_p, beside);
}

}  // namespace

BuzzFigures buzz_figures(const cv::Mat3b& photo, const cv::Mat3b& buzzed, const sim::BuzzRegions& r,
                         const cv::Mat1b& removed, double px_per_mm, double skin_band_mm, int outside_margin_px) {
  BuzzFigures f;
  cv::Mat1b absdiff;
  {
    cv::Mat3b d;
    cv::absdiff(photo, buzzed, d);
    const cv::Mat flat = d.reshape(1, static_cast<int>(d.total()));
    cv::Mat m;
    cv::reduce(flat, m, 1, cv::REDUCE_MAX);
    absdiff = m.reshape(1, photo.rows);
  }
  if (r.clip.empty()) {
    cv::Mat1b kept_all;
    cv::compare(absdiff, 2, kept_all, cv::CMP_LE);
    f.outside_kept = cv::countNonZero(kept_all) / static_cast<double>(photo.total());
    return f;
  }
  const cv::Mat1b head_all = head_with_removed(r, removed);
  cv::Mat1b outside = to_photo(sim::dilated(head_all, outside_margin_px), photo.size());
  cv::bitwise_not(outside, outside);
  cv::Mat1b kept;
  cv::compare(absdiff, 2, kept, cv::CMP_LE);
  kept &= outside;
  const double n_out = cv::countNonZero(outside);
  f.outside_kept = n_out > 0 ? cv::countNonZero(kept) / n_out : 1.0;
  f.fill_step = fill_step(photo, buzzed, head_all, r.uncover);

  // Tones compared inside the clipped area away from its edge, and on bare skin beside it.
  cv::Mat1b core;
  cv::erode(r.clip, core, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
  if (cv::countNonZero(core) == 0) core = r.clip;
  cv::Mat1f to_clip;
  cv::Mat1b not_clip;
  cv::bitwise_not(r.clip, not_clip);
  cv::distanceTransform(not_clip, to_clip, cv::DIST_L2, 3);
  cv::Mat1b band;
  cv::compare(to_clip, skin_band_mm * px_per_mm * r.work_per_photo, band, cv::CMP_LE);
  band &= r.skin_known;
  cv::Mat1b grey_p, grey_b;
  cv::cvtColor(photo, grey_p, cv::COLOR_BGR2GRAY);
  cv::cvtColor(buzzed, grey_b, cv::COLOR_BGR2GRAY);
  const cv::Mat1b core_p = to_photo(core, photo.size()), band_p = to_photo(band, photo.size());
  f.hair_luma = cv::mean(grey_p, core_p)[0];
  f.buzz_luma = cv::mean(grey_b, core_p)[0];
  f.skin_luma = cv::countNonZero(band_p) > 0 ? cv::mean(grey_p, band_p)[0] : f.buzz_luma;
  const double span = f.skin_luma - f.hair_luma;
  f.luma_move = std::abs(span) > 1e-6 ? (f.buzz_luma - f.hair_luma) / span : 1.0;
  if (!r.sparse.empty() && cv::countNonZero(r.sparse) > 0) {
    cv::Mat1b sparse_core;
    cv::erode(r.sparse, sparse_core, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
    if (cv::countNonZero(sparse_core) == 0) sparse_core = r.sparse;
    const cv::Mat1b core_photo = to_photo(sparse_core, photo.size());
    const double sigma = std::max(0.5, px_per_mm);
    f.sparse_texture_photo = fine_texture(grey_p, core_photo, sigma);
    f.sparse_texture_buzz = fine_texture(grey_b, core_photo, sigma);
  }
  return f;
}

double nearest_neighbour_cv(const std::vector<cv::Point2f>& pts) {
  if (pts.size() < 3) return 0;
  // Sorted by x; the nearest neighbour search stops once x alone is farther than the best.
  std::vector<cv::Point2f> p = pts;
  std::sort(p.begin(), p.end(), [](const cv::Point2f& a, const cv::Point2f& b) { return a.x < b.x; });
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    double best = std::numeric_limits<double>::max();
    for (std::size_t j = i + 1; j < p.size() && (p[j].x - p[i].x) * (p[j].x - p[i].x) < best; ++j)
      best = std::min(best, static_cast<double>((p[j].x - p[i].x) * (p[j].x - p[i].x) + (p[j].y - p[i].y) * (p[j].y - p[i].y)));
    for (std::size_t j = i; j-- > 0 && (p[i].x - p[j].x) * (p[i].x - p[j].x) < best;)
      best = std::min(best, static_cast<double>((p[j].x - p[i].x) * (p[j].x - p[i].x) + (p[j].y - p[i].y) * (p[j].y - p[i].y)));
    const double d = std::sqrt(best);
    sum += d;
    sum2 += d * d;
  }
  const double n = static_cast<double>(p.size()), mean = sum / n;
  return mean > 0 ? std::sqrt(std::max(0.0, sum2 / n - mean * mean)) / mean : 0;
}

}  // namespace smp::render
