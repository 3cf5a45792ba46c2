#include "edge_blur_fit.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render::detail {

namespace {

// Widths tried for a step, px: geometric from 0.5 to 10 (the profile's half of 24 px holds
// three sigmas of the widest kept one, 8 px).
constexpr int kWidths = 24;
constexpr double kNarrowest = 0.5, kWidest = 10.0;
// A brightest point less saturated than the darkest by this much: a highlight's edge.
constexpr float kWhiterBrightSide = 0.05f;
// A strand lies beside the edge found on its side: offsets tried, px.
constexpr int kStrandOffset = 2;

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

}  // namespace

StepModels::StepModels(int half_px) : half(half_px) {
  const auto add = [this](double s, auto model) {
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
  };
  for (int k = 0; k < kWidths; ++k) {
    const double s = kNarrowest * std::pow(kWidest / kNarrowest, k / (kWidths - 1.0));
    add(s, [s](double x) { return 0.5 * std::erfc(-x / (s * std::sqrt(2.0))); });
    for (int offset = -kStrandOffset; offset <= kStrandOffset; ++offset)
      add(s, [s, offset](double x) { return std::exp(-0.5 * (x - offset) * (x - offset) / (s * s)); });
  }
}

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

HeadMasks::HeadMasks(const cv::Mat1b& head, cv::Size photo, double margin) {
  if (head.empty()) return;
  const double k = std::min(1.0, 512.0 / std::max(head.cols, head.rows));
  cv::resize(head, on_, cv::Size(std::max(1, static_cast<int>(std::lround(head.cols * k))),
                                 std::max(1, static_cast<int>(std::lround(head.rows * k)))), 0, 0, cv::INTER_AREA);
  on_ = on_ > 0;
  const int grow = static_cast<int>(std::ceil(margin * std::max(on_.cols, on_.rows)));
  cv::dilate(on_, near_, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * grow + 1, 2 * grow + 1)));
  sx_ = static_cast<double>(photo.width) / on_.cols;
  sy_ = static_cast<double>(photo.height) / on_.rows;
}

bool HeadMasks::at(const cv::Mat1b& m, cv::Point2f p) const {
  if (m.empty()) return true;
  const int x = std::clamp(static_cast<int>(p.x / sx_), 0, m.cols - 1), y = std::clamp(static_cast<int>(p.y / sy_), 0, m.rows - 1);
  return m(y, x) != 0;
}

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

}  // namespace smp::render::detail
