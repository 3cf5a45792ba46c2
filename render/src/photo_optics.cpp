#include "smp/render/photo_optics.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace smp::render {

namespace {

cv::Mat1f gradient_magnitude(const cv::Mat1f& g) {
  cv::Mat1f gx, gy, mag;
  cv::Sobel(g, gx, CV_32F, 1, 0, 3, 0.125);
  cv::Sobel(g, gy, CV_32F, 0, 1, 3, 0.125);
  cv::magnitude(gx, gy, mag);
  return mag;
}

double median(std::vector<double>& v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Immerkaer's Laplacian, the difference of two 3x3 Laplacians: zero on smooth structure.
cv::Matx33f immerkaer_kernel() { return {1, -2, 1, -2, 4, -2, 1, -2, 1}; }

// The noise's standard deviation from the mean |response| of that kernel.
double immerkaer_sigma(double mean_abs_response) { return std::sqrt(std::numbers::pi / 2.0) * mean_abs_response / 6.0; }

}  // namespace

double laplacian_noise_sigma(const cv::Mat1f& grey, const cv::Mat1b& mask, int border) {
  cv::Mat1f lap;
  cv::filter2D(grey, lap, CV_32F, immerkaer_kernel(), {-1, -1}, 0, border);
  return immerkaer_sigma(cv::mean(cv::abs(lap), mask)[0]);
}

double noise_sigma_over(const cv::Mat3b& photo, const cv::Mat1b& mask, int min_pixels) {
  CV_Assert(mask.size() == photo.size());
  const int count = cv::countNonZero(mask);
  if (count < min_pixels) return -1;
  constexpr int kBand = 128;
  const int bands = (photo.rows + kBand - 1) / kBand;
  std::vector<double> sums(static_cast<std::size_t>(bands), 0.0);
  const cv::Matx33f kernel = immerkaer_kernel();
  cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
    for (int b = range.start; b < range.end; ++b) {
      const int y0 = b * kBand, y1 = std::min(photo.rows, y0 + kBand);
      if (cv::countNonZero(mask.rowRange(y0, y1)) == 0) continue;
      // A row more on each side inside the photo: the Laplacian of the band's rows is exact.
      const int a0 = std::max(0, y0 - 1), a1 = std::min(photo.rows, y1 + 1);
      cv::Mat1b grey8;
      cv::Mat1f grey, lap;
      cv::cvtColor(photo.rowRange(a0, a1), grey8, cv::COLOR_BGR2GRAY);
      grey8.convertTo(grey, CV_32F);
      cv::filter2D(grey, lap, CV_32F, kernel, {-1, -1}, 0, cv::BORDER_REPLICATE);
      double sum = 0;
      for (int y = y0; y < y1; ++y) {
        const float* l = lap.ptr<float>(y - a0);
        const uchar* m = mask.ptr<uchar>(y);
        for (int x = 0; x < photo.cols; ++x)
          if (m[x]) sum += std::abs(l[x]);
      }
      sums[static_cast<std::size_t>(b)] = sum;
    }
  });
  double total = 0;
  for (const double s : sums) total += s;  // in band order: the same sum on every run
  return immerkaer_sigma(total / count);
}

PhotoOptics estimate_photo_optics(const cv::Mat3b& photo, cv::Rect region, const OpticsParams& params) {
  PhotoOptics out;
  if (photo.empty()) return out;
  if (region.area() == 0) region = cv::Rect(0, 0, photo.cols, photo.rows);
  region &= cv::Rect(0, 0, photo.cols, photo.rows);
  // A central crop keeps the cost bounded on 20 MP photos; blur must be measured at full size.
  const int w = std::min(region.width, params.max_side_px), h = std::min(region.height, params.max_side_px);
  const cv::Rect crop(region.x + (region.width - w) / 2, region.y + (region.height - h) / 2, w, h);
  if (w < 16 || h < 16) return out;
  cv::Mat1f g;
  cv::Mat1b gray;
  cv::cvtColor(photo(crop), gray, cv::COLOR_BGR2GRAY);
  gray.convertTo(g, CV_32F);

  const cv::Mat1f mag = gradient_magnitude(g);
  // Three independent measurements side by side on the cores: the noise, and the gradients
  // after each of the two known re-blurs that the blur is measured from.
  const double r1 = params.reblur_sigma_px, r2 = 2.5 * params.reblur_sigma_px;
  cv::Mat1f mag1, mag2;
  cv::parallel_for_(cv::Range(0, 3), [&](const cv::Range& tasks) {
    for (int task = tasks.start; task < tasks.end; ++task) {
      if (task == 0) {
        // Noise (Immerkaer) over the flat part, inside a one-pixel border: edges are left out.
        std::vector<double> mags;
        mags.reserve(mag.total() / 4);
        for (int y = 2; y < mag.rows - 2; y += 2)
          for (int x = 2; x < mag.cols - 2; x += 2) mags.push_back(mag(y, x));
        const double flat_limit = median(mags) * 1.5;
        cv::Mat1b flat;
        cv::compare(mag, flat_limit, flat, cv::CMP_LE);
        flat.row(0).setTo(0);
        flat.row(flat.rows - 1).setTo(0);
        flat.col(0).setTo(0);
        flat.col(flat.cols - 1).setTo(0);
        if (cv::countNonZero(flat) > 0) out.noise_sigma = laplacian_noise_sigma(g, flat);
      } else {
        cv::Mat1f blurred;
        cv::GaussianBlur(g, blurred, cv::Size(), task == 1 ? r1 : r2);
        (task == 1 ? mag1 : mag2) = gradient_magnitude(blurred);
      }
    }
  });

  // Blur: gradient peaks before and after the two re-blurs, at the strongest local maxima.
  cv::Mat1f dil;
  cv::dilate(mag, dil, cv::Mat());
  std::vector<std::pair<float, cv::Point>> peaks;
  const int border = static_cast<int>(std::ceil(3 * r2)) + 2;
  // A peak must stand well above the noise to say anything about the blur (the gradient's own
  // noise is about 0.43 of the image's: this is some six of its standard deviations).
  const float floor = static_cast<float>(2.5 * out.noise_sigma + 1.0);
  for (int y = border; y < g.rows - border; ++y)
    for (int x = border; x < g.cols - border; ++x)
      if (mag(y, x) >= dil(y, x) && mag(y, x) > floor) peaks.emplace_back(mag(y, x), cv::Point(x, y));
  if (peaks.size() < static_cast<std::size_t>(params.min_edges)) return out;
  const auto k = std::min(peaks.size(), std::max<std::size_t>(static_cast<std::size_t>(params.min_edges),
                                                              static_cast<std::size_t>(params.edge_share * static_cast<double>(peaks.size()))));
  std::partial_sort(peaks.begin(), peaks.begin() + static_cast<std::ptrdiff_t>(k), peaks.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  peaks.resize(k);
  const auto near_max = [](const cv::Mat1f& m, cv::Point p) {
    double v = 0;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) v = std::max(v, static_cast<double>(m(p.y + dy, p.x + dx)));
    return std::max(v, 1e-6);
  };
  // Whatever the feature (step, line or speck), ln R_i = n ln(1 + r_i^2 / sigma^2) with an
  // exponent n of its kind; the ratio of the two logarithms depends on sigma alone.
  std::vector<double> qs;
  qs.reserve(peaks.size());
  for (const auto& [m, p] : peaks) {
    const double l1 = std::log(m / near_max(mag1, p)), l2 = std::log(m / near_max(mag2, p));
    if (l1 > 1e-3 && l2 > l1) qs.push_back(l1 / l2);
  }
  if (qs.size() < static_cast<std::size_t>(params.min_edges)) return out;
  const double q = median(qs);
  const auto q_of = [&](double s) { return std::log1p(r1 * r1 / (s * s)) / std::log1p(r2 * r2 / (s * s)); };
  double lo = 0.05, hi = 20.0;  // q_of falls as sigma grows
  for (int i = 0; i < 50; ++i) {
    const double mid = std::sqrt(lo * hi);
    (q_of(mid) > q ? lo : hi) = mid;
  }
  const double seen = std::sqrt(lo * hi);
  // The gradient operator's own smoothing is in what was seen.
  const double sigma = std::sqrt(std::max(seen * seen - params.operator_variance, 0.0));
  out.edges = static_cast<int>(qs.size());
  out.blur_sigma_px = std::clamp(sigma, params.min_sigma_px, params.max_sigma_px);
  return out;
}

}  // namespace smp::render
