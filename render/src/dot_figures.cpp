#include "smp/render/dot_figures.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace smp::render {

namespace {

cv::Mat1f mean_grey(const cv::Mat3b& img) {
  cv::Mat3f f;
  img.convertTo(f, CV_32F);
  cv::Mat1f out;
  cv::transform(f, out, cv::Matx13f(1.f / 3, 1.f / 3, 1.f / 3));
  return out;
}

// Standard deviation over mean; 0 for an empty or zero-mean set.
double coefficient_of_variation(const std::vector<double>& v) {
  if (v.empty()) return 0;
  cv::Scalar mean, sd;
  cv::meanStdDev(v, mean, sd);
  return mean[0] > 0 ? sd[0] / mean[0] : 0.0;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Nearest-neighbour distances through buckets of about one expected spacing.
std::vector<double> nearest_distances(const std::vector<cv::Point>& pts, double cell) {
  std::map<std::pair<int, int>, std::vector<int>> buckets;
  const auto key = [cell](cv::Point p) {
    return std::make_pair(static_cast<int>(std::floor(p.x / cell)), static_cast<int>(std::floor(p.y / cell)));
  };
  for (int i = 0; i < static_cast<int>(pts.size()); ++i) buckets[key(pts[static_cast<std::size_t>(i)])].push_back(i);
  std::vector<double> nn;
  nn.reserve(pts.size());
  for (const cv::Point& p : pts) {
    const auto [kx, ky] = key(p);
    double best = 1e30;
    for (int ring = 1; ring <= 4 && best > (ring - 1) * cell; ++ring)  // widen until a neighbour is surely found
      for (int dy = -ring; dy <= ring; ++dy)
        for (int dx = -ring; dx <= ring; ++dx) {
          if (std::max(std::abs(dx), std::abs(dy)) != ring && ring > 1) continue;
          const auto it = buckets.find({kx + dx, ky + dy});
          if (it == buckets.end()) continue;
          for (int j : it->second) {
            const cv::Point q = pts[static_cast<std::size_t>(j)];
            if (q == p) continue;
            best = std::min(best, std::hypot(static_cast<double>(q.x - p.x), static_cast<double>(q.y - p.y)));
          }
        }
    if (best < 1e29) nn.push_back(best);
  }
  return nn;
}

// Strongest non-central peak of the power spectrum of an impulse image of the dots in a
// window centred on their median position, over the spectrum's median.
double grid_peak(const std::vector<cv::Point>& pts, cv::Size size, int side) {
  side = std::min({side, size.width, size.height});
  std::vector<double> xs, ys;
  for (const cv::Point& p : pts) {
    xs.push_back(p.x);
    ys.push_back(p.y);
  }
  const int x0 = std::clamp(static_cast<int>(median(xs)) - side / 2, 0, size.width - side);
  const int y0 = std::clamp(static_cast<int>(median(ys)) - side / 2, 0, size.height - side);
  cv::Mat1f imp(side, side, 0.0f);
  int inside = 0;
  for (const cv::Point& p : pts)
    if (p.x >= x0 && p.y >= y0 && p.x < x0 + side && p.y < y0 + side) {
      imp(p.y - y0, p.x - x0) = 1;
      ++inside;
    }
  if (inside < 30) return 0;
  imp -= cv::mean(imp)[0];
  cv::Mat spec;
  cv::dft(imp, spec, cv::DFT_COMPLEX_OUTPUT);
  std::vector<cv::Mat1f> ch;
  cv::split(spec, ch);
  cv::Mat1f power;
  cv::magnitude(ch[0], ch[1], power);
  cv::multiply(power, power, power);
  std::vector<double> values;
  double peak = 0;
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      if (std::min(y, side - y) <= 2 && std::min(x, side - x) <= 2) continue;  // the mean and its neighbours
      if (power(y, x) > 0) values.push_back(power(y, x));
      peak = std::max(peak, static_cast<double>(power(y, x)));
    }
  return peak / std::max(median(values), 1e-9);
}

}  // namespace

DotFigures visible_dot_figures(const cv::Mat3b& before, const cv::Mat3b& after, const cv::Mat1b& mask, int margin_px,
                               const DotFigureParams& params) {
  CV_Assert(before.size() == after.size());
  DotFigures f;
  if (before.empty()) return f;
  cv::Mat1b m(before.size(), 255);
  if (!mask.empty()) {
    cv::resize(mask, m, before.size(), 0, 0, cv::INTER_NEAREST);
    cv::threshold(m, m, 127, 255, cv::THRESH_BINARY);
  }
  const cv::Rect all(0, 0, before.cols, before.rows);
  const cv::Rect box = (cv::boundingRect(m) + cv::Size(8, 8) - cv::Point(4, 4)) & all;  // padded for the filters
  if (box.empty()) return f;
  cv::Mat1f lb = mean_grey(before(box)), la = mean_grey(after(box));
  cv::Mat1f dark;
  cv::divide(la + 1.0f, lb + 1.0f, dark);
  cv::subtract(1.0f, dark, dark);
  cv::Mat1f smooth, reblurred, mx;
  cv::GaussianBlur(dark, smooth, cv::Size(), params.detect_sigma_px);
  cv::GaussianBlur(dark, reblurred, cv::Size(), params.reblur_sigma_px);
  cv::dilate(smooth, mx, cv::Mat::ones(3, 3, CV_8U));
  std::vector<cv::Point> pts;
  std::vector<double> peaks, sigmas;
  const double r2 = params.reblur_sigma_px * params.reblur_sigma_px;
  cv::Mat1b taken(dark.size(), uchar(0));  // a plateau of equal maxima is one dot: its first pixel
  const auto beside_taken = [&taken](int x, int y) {
    for (int dx = -1; dx <= 1; ++dx)
      if (y > 0 && x + dx >= 0 && x + dx < taken.cols && taken(y - 1, x + dx)) return true;
    return x > 0 && taken(y, x - 1) != 0;
  };
  for (int y = 0; y < dark.rows; ++y)
    for (int x = 0; x < dark.cols; ++x) {
      const int px = x + box.x, py = y + box.y;
      if (px < margin_px || py < margin_px || px >= before.cols - margin_px || py >= before.rows - margin_px) continue;
      if (!m(py, px) || smooth(y, x) < mx(y, x) || smooth(y, x) <= params.min_darkening || beside_taken(x, y)) continue;
      taken(y, x) = 255;
      pts.emplace_back(px, py);
      peaks.push_back(dark(y, x));
      const double ratio = std::clamp(static_cast<double>(reblurred(y, x)) / std::max(1e-6f, dark(y, x)), 0.01, 0.99);
      sigmas.push_back(std::sqrt(ratio * r2 / (1.0 - ratio)));
    }
  f.dots = static_cast<int>(pts.size());
  if (f.dots < params.min_dots) return f;
  f.peak_dark = median(peaks);
  f.tone_cv = coefficient_of_variation(peaks);
  f.softness_px = median(sigmas);
  const double cell = std::max(4.0, std::sqrt(static_cast<double>(cv::countNonZero(m)) / f.dots));
  f.nn_cv = coefficient_of_variation(nearest_distances(pts, cell));
  f.grid = grid_peak(pts, before.size(), params.spectrum_side_px);
  return f;
}

}  // namespace smp::render
