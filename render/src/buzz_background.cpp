#include "buzz_background.hpp"

#include "pixel_sample.hpp"
#include "work_maps.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp::render::detail {

namespace {

constexpr int kTerms = 6;  // 1, u, v, u², uv, v²
using Basis = std::array<double, kTerms>;

Basis basis(double u, double v) { return {1.0, u, v, u * u, u * v, v * v}; }

double luma(const cv::Vec3d& c) { return 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2]; }

struct Sample {
  Basis b;
  cv::Vec3d colour;
};

// Weighted least squares of each channel on the first `terms` of the basis (6 quadratic, 3
// linear, 1 constant; the others get 0); false when the samples do not determine them (a band
// along one line determines no slope across it: cv::solve would invent one).
bool fit(const std::vector<Sample>& samples, const std::vector<double>& w, int terms, std::array<Basis, 3>& coef) {
  cv::Mat1d a(terms, terms, 0.0), rhs(terms, 3, 0.0);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (w[i] <= 0) continue;
    const Basis& b = samples[i].b;
    for (int r = 0; r < terms; ++r) {
      for (int c = 0; c < terms; ++c) a(r, c) += w[i] * b[r] * b[c];
      for (int k = 0; k < 3; ++k) rhs(r, k) += w[i] * b[r] * samples[i].colour[k];
    }
  }
  cv::Mat1d singular;
  cv::SVD::compute(a, singular, cv::SVD::NO_UV);
  constexpr double kMinConditioning = 1e-9;  // smallest over largest singular value
  if (singular(0) <= 0 || singular(terms - 1) < kMinConditioning * singular(0)) return false;
  cv::Mat1d x;
  cv::solve(a, rhs, x, cv::DECOMP_SVD);
  coef = {};
  for (int k = 0; k < 3; ++k)
    for (int r = 0; r < terms; ++r) coef[static_cast<std::size_t>(k)][static_cast<std::size_t>(r)] = x(r, k);
  return true;
}

cv::Vec3d evaluate(const std::array<Basis, 3>& coef, const Basis& b) {
  cv::Vec3d out(0, 0, 0);
  for (int k = 0; k < 3; ++k)
    for (int r = 0; r < kTerms; ++r) out[k] += coef[static_cast<std::size_t>(k)][static_cast<std::size_t>(r)] * b[r];
  return out;
}

// Tukey's biweight of a residual in units of the cut-off: 1 at 0, nothing from 1 on.
double tukey(double t) { return std::abs(t) < 1 ? (1 - t * t) * (1 - t * t) : 0.0; }

}  // namespace

cv::Mat3f fill_background(const cv::Mat3f& image, const cv::Mat1f& known, const cv::Mat1b& band,
                          const BackgroundFillParams& p) {
  // Coordinates normalised to about -1..1 over the image, so the quadratic terms stay well scaled.
  const double cx = 0.5 * image.cols, cy = 0.5 * image.rows, s = 0.5 * std::max(image.cols, image.rows);
  const int n_band = cv::countNonZero(band);
  constexpr int kMinSamples = 50;
  if (n_band < kMinSamples) return pull_push(image, known);
  const int stride = std::max(1, n_band / std::max(p.max_samples, kMinSamples));
  std::vector<Sample> samples;
  samples.reserve(static_cast<std::size_t>(n_band / stride + 1));
  int seen = 0;
  for (int y = 0; y < band.rows; ++y)
    for (int x = 0; x < band.cols; ++x)
      if (band(y, x) && seen++ % stride == 0)
        samples.push_back({basis((x - cx) / s, (y - cy) / s), cv::Vec3d(image(y, x))});

  // Tukey-weighted fit: strands, their haze and objects in the band weigh nothing.
  std::vector<double> w(samples.size(), 1.0), res(samples.size());
  std::array<Basis, 3> coef{};
  // The richest trend the band determines: a band along one edge of the photo gives no curve
  // across it.
  int terms = kTerms;
  bool fitted = fit(samples, w, terms, coef);
  while (!fitted && terms > 1) {
    terms = terms == kTerms ? 3 : 1;
    fitted = fit(samples, w, terms, coef);
  }
  if (!fitted) return pull_push(image, known);
  double cut = 0;
  for (int it = 0; it < std::max(1, p.iterations); ++it) {
    // The first pass uses the unweighted fit that chose the terms.
    if (it > 0 && !fit(samples, w, terms, coef)) return pull_push(image, known);
    std::vector<double> abs_res(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      res[i] = luma(samples[i].colour - evaluate(coef, samples[i].b));
      abs_res[i] = std::abs(res[i]);
    }
    const double scale = std::max(p.min_scale, 1.4826 * percentile(abs_res, 0.5));
    cut = p.tukey_c * scale;
    for (std::size_t i = 0; i < samples.size(); ++i) w[i] = tukey(res[i] / cut);
  }
  // Near the range of the band's kept colours: the wall behind a head in the middle of the photo
  // is often lighter than all of the band (a vignette), but the quadratic never runs off far.
  cv::Vec3d lo, hi;
  for (int k = 0; k < 3; ++k) {
    std::vector<double> v;
    for (std::size_t i = 0; i < samples.size(); ++i)
      if (w[i] > 0.5) v.push_back(samples[i].colour[k]);
    if (v.size() < static_cast<std::size_t>(kMinSamples)) return pull_push(image, known);
    const double a = percentile(v, p.clamp_quantile), b = percentile(v, 1 - p.clamp_quantile);
    lo[k] = a - p.clamp_widen * (b - a);
    hi[k] = b + p.clamp_widen * (b - a);
  }
  // The band's departures from the trend, spread into the hole; those the fit set aside
  // (strands, their haze, objects) are not carried in, and get the estimate themselves: where
  // the kept photo differs from the estimate beside the hole is the haze the fill must meet.
  cv::Mat3f trend(image.size()), departure(image.size());
  cv::Mat1f weight(image.size());
  for (int y = 0; y < image.rows; ++y) {
    // Along a row the trend is a quadratic in u alone: c + b u + a u².
    const double v = (y - cy) / s;
    cv::Vec3d a, b, c;
    for (int k = 0; k < 3; ++k) {
      const Basis& q = coef[static_cast<std::size_t>(k)];
      c[k] = q[0] + q[2] * v + q[5] * v * v;
      b[k] = q[1] + q[4] * v;
      a[k] = q[3];
    }
    for (int x = 0; x < image.cols; ++x) {
      const double u = (x - cx) / s;
      cv::Vec3f tf;
      for (int k = 0; k < 3; ++k) tf[k] = static_cast<float>(std::clamp(c[k] + u * (b[k] + u * a[k]), lo[k], hi[k]));
      trend(y, x) = tf;
      departure(y, x) = image(y, x) - tf;
      if (!band(y, x)) {
        weight(y, x) = 0.0f;
        continue;
      }
      weight(y, x) = known(y, x) * static_cast<float>(tukey(luma(cv::Vec3d(departure(y, x))) / cut));
    }
  }
  cv::Mat3f filled = pull_push(departure, weight);
  filled += trend;
  // Beyond the band (where the trend says nothing) the known pixels stay as they are.
  cv::Mat1b beyond;
  cv::compare(known, 0.5f, beyond, cv::CMP_GT);
  beyond.setTo(0, band);
  image.copyTo(filled, beyond);
  return filled;
}

}  // namespace smp::render::detail
