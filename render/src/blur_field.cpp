#include "smp/render/blur_field.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace smp::render {

namespace {

// Widths tried for a step, px: geometric from 0.5 to 10 (the profile's half of 24 px holds
// three sigmas of the widest kept one, 8 px).
constexpr int kWidths = 24;
constexpr double kNarrowest = 0.5, kWidest = 10.0;
// A brightest point less saturated than the darkest by this much: a highlight's edge.
constexpr float kWhiterBrightSide = 0.05f;
// A strand lies beside the edge found on its side: offsets tried, px.
constexpr int kStrandOffset = 2;

// For one profile length: per model (a blurred step, or a blurred strand at one of a few
// offsets from the middle, for each width) its samples and the inverse Gram matrix of the
// basis (1, s/half, model), so a fit is three dot products and a 3x3 product per model.
// Strands matter where hair is sharp: the edge of a mass of hair is wide whatever the optics,
// the strands in it are not.
struct StepModels {
  int half = 0;
  std::vector<double> sigma;
  std::vector<std::vector<double>> shape;  // per model, 2*half+1 samples
  std::vector<cv::Matx33d> inverse_gram;

  explicit StepModels(int half_px) : half(half_px) {
    for (int k = 0; k < kWidths; ++k) {
      const double s = kNarrowest * std::pow(kWidest / kNarrowest, k / (kWidths - 1.0));
      add(s, [s](double x) { return 0.5 * std::erfc(-x / (s * std::sqrt(2.0))); });
      for (int offset = -kStrandOffset; offset <= kStrandOffset; ++offset)
        add(s, [s, offset](double x) { return std::exp(-0.5 * (x - offset) * (x - offset) / (s * s)); });
    }
  }

 private:
  template <class F>
  void add(double s, F model) {
    const int n = 2 * half + 1;
    std::vector<double> v(static_cast<std::size_t>(n));
    cv::Matx33d gram = cv::Matx33d::zeros();
    for (int i = 0; i < n; ++i) {
      v[static_cast<std::size_t>(i)] = model(static_cast<double>(i - half));
      const cv::Vec3d b(1.0, static_cast<double>(i - half) / half, v[static_cast<std::size_t>(i)]);
      gram += b * b.t();
    }
    sigma.push_back(s);
    shape.push_back(std::move(v));
    inverse_gram.push_back(gram.inv(cv::DECOMP_SVD));
  }
};

StepFit fit_step(const float* p, const StepModels& m) {
  const int n = 2 * m.half + 1;
  double s0 = 0, s1 = 0, ss = 0, mean = 0;
  for (int i = 0; i < n; ++i) {
    s0 += p[i];
    s1 += p[i] * static_cast<double>(i - m.half) / m.half;
    ss += static_cast<double>(p[i]) * p[i];
  }
  mean = s0 / n;
  const double total = ss - n * mean * mean;
  StepFit best;
  if (total <= 1e-6) return best;
  double least = total;
  for (std::size_t k = 0; k < m.sigma.size(); ++k) {
    double s2 = 0;
    const std::vector<double>& v = m.shape[k];
    for (int i = 0; i < n; ++i) s2 += p[i] * v[static_cast<std::size_t>(i)];
    const cv::Vec3d b(s0, s1, s2);
    const cv::Vec3d c = m.inverse_gram[k] * b;
    const double residual = ss - c.dot(b);
    if (residual < least) {
      least = residual;
      best = {m.sigma[k], c[2], 0};
    }
  }
  best.explained = 1.0 - std::max(least, 0.0) / total;
  return best;
}

// The photo's colour at a sub-pixel position, bilinear; the caller keeps it inside.
cv::Vec3f colour_at(const cv::Mat3b& photo, float x, float y) {
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const float fx = x - static_cast<float>(x0), fy = y - static_cast<float>(y0);
  const auto c = [&](int yy, int xx) { return cv::Vec3f(photo(yy, xx)); };
  const cv::Vec3f top = c(y0, x0) + fx * (c(y0, x0 + 1) - c(y0, x0));
  const cv::Vec3f bottom = c(y0 + 1, x0) + fx * (c(y0 + 1, x0 + 1) - c(y0 + 1, x0));
  return top + fy * (bottom - top);
}

// Its luma (BT.601).
float luma_at(const cv::Mat3b& photo, float x, float y) {
  const cv::Vec3f c = colour_at(photo, x, y);
  return 0.114f * c[0] + 0.587f * c[1] + 0.299f * c[2];
}

// The head on a copy of at most 512 px (a mask at the photo's size would take a disc of a
// hundred pixels to grow), as it is and grown to its silhouette. Empty: the whole photo.
struct HeadMasks {
  cv::Mat1b on, near;
  double sx = 1, sy = 1;  // photo px per mask px

  HeadMasks(const cv::Mat1b& head, cv::Size photo, double margin) {
    if (head.empty()) return;
    const double k = std::min(1.0, 512.0 / std::max(head.cols, head.rows));
    cv::resize(head, on, cv::Size(std::max(1, static_cast<int>(std::lround(head.cols * k))),
                                  std::max(1, static_cast<int>(std::lround(head.rows * k)))), 0, 0, cv::INTER_AREA);
    on = on > 0;
    const int grow = static_cast<int>(std::ceil(margin * std::max(on.cols, on.rows)));
    cv::dilate(on, near, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * grow + 1, 2 * grow + 1)));
    sx = static_cast<double>(photo.width) / on.cols;
    sy = static_cast<double>(photo.height) / on.rows;
  }
  bool on_at(cv::Point2f p) const { return at(on, p); }
  bool near_at(cv::Point2f p) const { return at(near, p); }

 private:
  bool at(const cv::Mat1b& m, cv::Point2f p) const {
    if (m.empty()) return true;
    const int x = std::clamp(static_cast<int>(p.x / sx), 0, m.cols - 1), y = std::clamp(static_cast<int>(p.y / sy), 0, m.rows - 1);
    return m(y, x) != 0;
  }
};

// The blur across the edge at `at` (photo px) with unit normal `n`: the profile is sampled a
// little longer, its step located (the edge was found on a reduced copy), then sampled again
// centred there and fitted. nullopt when the profile leaves the photo.
std::optional<StepFit> measure_edge(const cv::Mat3b& photo, cv::Point2f at, cv::Point2f n, const StepModels& m,
                                    const HeadMasks& head, std::vector<float>& buf) {
  const int reach = m.half + 4;
  const auto inside = [&](cv::Point2f c, int r) {
    const float ax = std::abs(n.x) * static_cast<float>(r), ay = std::abs(n.y) * static_cast<float>(r);
    return c.x - ax >= 0 && c.y - ay >= 0 && c.x + ax < static_cast<float>(photo.cols - 1) &&
           c.y + ay < static_cast<float>(photo.rows - 1);
  };
  if (!inside(at, reach)) return std::nullopt;
  buf.resize(static_cast<std::size_t>(2 * reach + 1));
  for (int i = -reach; i <= reach; ++i)
    buf[static_cast<std::size_t>(i + reach)] = luma_at(photo, at.x + n.x * static_cast<float>(i), at.y + n.y * static_cast<float>(i));
  // The step's centre: the centroid of the slope within 4 px of the middle, taken along the
  // step's direction (the larger of the two sides' means decides the sign).
  double weight = 0, moment = 0;
  const double sign = buf.back() >= buf.front() ? 1.0 : -1.0;
  for (int i = -4; i < 4; ++i) {
    const double d = sign * (buf[static_cast<std::size_t>(i + reach + 1)] - buf[static_cast<std::size_t>(i + reach)]);
    if (d <= 0) continue;
    weight += d;
    moment += d * (i + 0.5);
  }
  const float shift = weight > 0 ? static_cast<float>(moment / weight) : 0.0f;
  const cv::Point2f centre = at + n * shift;
  if (!inside(centre, m.half)) return std::nullopt;
  buf.resize(static_cast<std::size_t>(2 * m.half + 1));
  for (int i = -m.half; i <= m.half; ++i)
    buf[static_cast<std::size_t>(i + m.half)] =
        luma_at(photo, centre.x + n.x * static_cast<float>(i), centre.y + n.y * static_cast<float>(i));
  // The edge of a highlight is as wide as the light's reflection, whatever the optics: the
  // profile's brightest point (a side, or the middle of a bright band) lies on the head and is
  // whiter, less saturated, than its darkest. Such edges say nothing. (A silhouette against a
  // white wall is whiter on its bright side too, but that side is off the head.)
  const auto point = [&](std::ptrdiff_t i) { return centre + n * static_cast<float>(i - m.half); };
  const auto saturation_at = [&](std::ptrdiff_t i) {
    const cv::Point2f p = point(i);
    const cv::Vec3f c = colour_at(photo, p.x, p.y);
    const float hi = std::max({c[0], c[1], c[2]}), lo = std::min({c[0], c[1], c[2]});
    return hi > 0 ? (hi - lo) / hi : 0.0f;
  };
  const auto [darkest, brightest] = std::minmax_element(buf.begin(), buf.end());
  const std::ptrdiff_t bright = brightest - buf.begin(), dark = darkest - buf.begin();
  if (head.on_at(point(bright)) && saturation_at(bright) < saturation_at(dark) - kWhiterBrightSide) return std::nullopt;
  return fit_step(buf.data(), m);
}

double percentile(std::vector<double>& v, double q) {
  const auto at = v.begin() + static_cast<std::ptrdiff_t>(std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size()))));
  std::nth_element(v.begin(), at, v.end());
  return *at;
}

}  // namespace

StepFit fit_blurred_step(const float* profile, int half) { return fit_step(profile, StepModels(half)); }

float BlurField::at(cv::Point2f p, float fallback) const {
  if (sigma_.empty()) return fallback;
  const float cw = static_cast<float>(region_.width) / static_cast<float>(sigma_.cols);
  const float ch = static_cast<float>(region_.height) / static_cast<float>(sigma_.rows);
  const float gx = std::clamp((p.x - static_cast<float>(region_.x)) / cw - 0.5f, 0.0f, static_cast<float>(sigma_.cols - 1));
  const float gy = std::clamp((p.y - static_cast<float>(region_.y)) / ch - 0.5f, 0.0f, static_cast<float>(sigma_.rows - 1));
  const int x0 = std::min(static_cast<int>(gx), sigma_.cols - 1), y0 = std::min(static_cast<int>(gy), sigma_.rows - 1);
  const int x1 = std::min(x0 + 1, sigma_.cols - 1), y1 = std::min(y0 + 1, sigma_.rows - 1);
  const float fx = gx - static_cast<float>(x0), fy = gy - static_cast<float>(y0);
  const float top = sigma_(y0, x0) + fx * (sigma_(y0, x1) - sigma_(y0, x0));
  const float bottom = sigma_(y1, x0) + fx * (sigma_(y1, x1) - sigma_(y1, x0));
  return top + fy * (bottom - top);
}

bool BlurField::operator==(const BlurField& o) const {
  if (region_ != o.region_ || sigma_.size() != o.sigma_.size()) return false;
  return sigma_.empty() || std::equal(sigma_.begin(), sigma_.end(), o.sigma_.begin());
}

BlurField estimate_blur_field(const cv::Mat3b& photo, const cv::Mat1b& head, double uniform_sigma_px, double px_per_mm,
                              const BlurFieldParams& params) {
  const cv::Rect whole(0, 0, photo.cols, photo.rows);
  if (px_per_mm < params.min_px_per_mm || photo.empty()) return {};
  const double focal_px = params.focal_per_side * std::max(photo.cols, photo.rows);
  const double defocus = params.defocus_mm2 * px_per_mm * px_per_mm / focal_px;
  const double most = std::min(params.max_sigma_px, std::hypot(uniform_sigma_px, defocus));
  if (most < uniform_sigma_px + 0.1) return {};  // no defocus this photo could show: uniform
  // The head's box in the photo's pixels.
  const HeadMasks head_masks(head, photo.size(), params.head_margin);
  cv::Rect region = whole;
  if (!head.empty()) {
    const cv::Rect b = cv::boundingRect(head);
    if (b.area() == 0) return {};
    const double hx = static_cast<double>(photo.cols) / head.cols, hy = static_cast<double>(photo.rows) / head.rows;
    region = cv::Rect(cv::Point(static_cast<int>(b.x * hx), static_cast<int>(b.y * hy)),
                      cv::Point(static_cast<int>(std::ceil(b.br().x * hx)), static_cast<int>(std::ceil(b.br().y * hy)))) & whole;
  }
  const int mx = static_cast<int>(params.margin * region.width), my = static_cast<int>(params.margin * region.height);
  region = cv::Rect(region.x - mx, region.y - my, region.width + 2 * mx, region.height + 2 * my) & whole;
  const int longer = std::max(region.width, region.height);
  if (longer < 4 * params.profile_half_px) return {};
  // Edges found on a reduction: the photo's noise and JPEG flecks fall below the thresholds,
  // and the cost stays bounded on large photos. A whole factor: OpenCV's fast box average.
  const double f = std::max(1.0, std::floor(static_cast<double>(longer) / params.detect_side_px));
  const int whole_f = static_cast<int>(f);
  region.width -= region.width % whole_f;
  region.height -= region.height % whole_f;
  cv::Mat3b small;
  cv::resize(photo(region), small, cv::Size(std::max(1, static_cast<int>(region.width / f)), std::max(1, static_cast<int>(region.height / f))),
             0, 0, cv::INTER_AREA);
  cv::Mat1b grey;
  cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(grey, grey, cv::Size(), 1.0);
  cv::Mat1b edges;
  cv::Canny(grey, edges, 20, 40, 3, true);
  cv::Mat1s gx, gy;
  cv::Sobel(grey, gx, CV_16S, 1, 0);
  cv::Sobel(grey, gy, CV_16S, 0, 1);

  const int cols = std::max(1, static_cast<int>(std::lround(static_cast<double>(region.width) * params.cells / longer)));
  const int rows = std::max(1, static_cast<int>(std::lround(static_cast<double>(region.height) * params.cells / longer)));
  std::vector<std::vector<cv::Point>> in_cell(static_cast<std::size_t>(cols * rows));
  for (int y = 0; y < edges.rows; ++y)
    for (int x = 0; x < edges.cols; ++x)
      if (edges(y, x)) {
        const cv::Point2f p(static_cast<float>(region.x + (x + 0.5) * f), static_cast<float>(region.y + (y + 0.5) * f));
        if (!head_masks.near_at(p)) continue;
        const int cx = std::min(cols - 1, x * cols / edges.cols), cy = std::min(rows - 1, y * rows / edges.rows);
        in_cell[static_cast<std::size_t>(cy * cols + cx)].emplace_back(x, y);
      }

  const StepModels models(params.profile_half_px);
  cv::Mat1f value(rows, cols, 0.0f), weight(rows, cols, 0.0f);
  cv::parallel_for_(cv::Range(0, cols * rows), [&](const cv::Range& range) {
    std::vector<float> buf;
    std::vector<double> widths;
    for (int c = range.start; c < range.end; ++c) {
      const std::vector<cv::Point>& pts = in_cell[static_cast<std::size_t>(c)];
      if (pts.empty()) continue;
      const std::size_t stride = std::max<std::size_t>(1, pts.size() / static_cast<std::size_t>(params.edges_per_cell));
      widths.clear();
      for (std::size_t i = stride / 2; i < pts.size(); i += stride) {
        const cv::Point q = pts[i];
        const cv::Point2f g(gx(q), gy(q));
        const float len = std::hypot(g.x, g.y);
        if (len <= 0) continue;
        const cv::Point2f at(static_cast<float>(region.x + (q.x + 0.5) * f - 0.5),
                             static_cast<float>(region.y + (q.y + 0.5) * f - 0.5));
        const auto fit = measure_edge(photo, at, g / len, models, head_masks, buf);
        if (fit && std::abs(fit->step) >= params.min_step && fit->explained >= params.min_fit) widths.push_back(fit->sigma_px);
      }
      if (static_cast<int>(widths.size()) < params.min_edges) continue;
      value(c / cols, c % cols) = static_cast<float>(percentile(widths, params.percentile));
      weight(c / cols, c % cols) = 1.0f;
    }
  });
  if (cv::countNonZero(weight) == 0) return {};
  // Normalised convolution: measured cells reach their neighbours; the uniform blur holds
  // every cell with a weight of its own, so a cell far from any measurement keeps it.
  cv::Mat1f num, den;
  cv::GaussianBlur(value.mul(weight), num, cv::Size(), params.spread_cells, 0, cv::BORDER_CONSTANT);
  cv::GaussianBlur(weight, den, cv::Size(), params.spread_cells, 0, cv::BORDER_CONSTANT);
  const float u = static_cast<float>(uniform_sigma_px), pw = static_cast<float>(params.prior_weight);
  cv::Mat1f sigma(rows, cols);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      sigma(y, x) = std::clamp((num(y, x) + pw * u) / (den(y, x) + pw), u, static_cast<float>(most));
  return BlurField(sigma, region);
}

}  // namespace smp::render
