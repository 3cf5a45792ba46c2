#include "buzz_stubble.hpp"

#include "work_maps.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace smp::render::detail {

namespace {

// A Gaussian footprint of one layer: its centre (layer px), sigma and total mass (px²).
struct Footprint {
  cv::Point2d centre;
  double sigma = 1, mass = 0;
  bool shadow = false;  // the sub-skin shadow layer, else the shaft layer
};

// The pixels a footprint of `sigma` at `c` covers: n columns from x0 and n rows from y0, for a
// half width of `radius`.
struct FootprintSpan {
  int radius, x0, y0, n;
};
FootprintSpan span_of(cv::Point2d c, double sigma) {
  const int r = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  return {r, static_cast<int>(std::floor(c.x)) - r, static_cast<int>(std::floor(c.y)) - r, 2 * r + 2};
}

// Adds a Gaussian footprint of total `mass` (px²) at `c`, normalised on the pixel grid so the
// mass is kept exactly whatever the size: the mean tone never depends on the resolution. Only
// rows [row_begin, row_end) of the layer are written (a band drawn on its own core); each of
// them gets what the whole footprint would give it.
void deposit(cv::Mat1f& layer, cv::Point2d c, double sigma, double mass, int row_begin, int row_end) {
  const auto [r, x0, y0, n] = span_of(c, sigma);
  if (n > 64) return;
  // The Gaussian is separable (its sum is the product of the axes' sums), and along an axis
  // one step multiplies it by a ratio that itself changes by a constant factor:
  // exp(k (d+1)^2) = exp(k d^2) exp(k (2d+1)), exp(k (2d+3)) = exp(k (2d+1)) exp(2k).
  // Five exponentials in all instead of n^2.
  float wx[64], wy[64];
  double sum_x = 0, sum_y = 0;
  const double k = -0.5 / (sigma * sigma), q = std::exp(2 * k);
  const double dx0 = x0 + 0.5 - c.x, dy0 = y0 + 0.5 - c.y;
  double gx = std::exp(k * dx0 * dx0), gy = std::exp(k * dy0 * dy0);
  double rx = std::exp(k * (2 * dx0 + 1)), ry = std::exp(k * (2 * dy0 + 1));
  for (int i = 0; i < n; ++i) {
    wx[i] = static_cast<float>(gx);
    wy[i] = static_cast<float>(gy);
    sum_x += gx;
    sum_y += gy;
    gx *= rx, gy *= ry;
    rx *= q, ry *= q;
  }
  if (sum_x <= 0 || sum_y <= 0) return;
  const double scale = mass / (sum_x * sum_y);
  for (int j = 0; j < n; ++j) {
    const int y = y0 + j;
    if (y < std::max(row_begin, 0) || y >= std::min(row_end, layer.rows)) continue;
    float* row = layer.ptr<float>(y);
    const float wj = static_cast<float>(wy[j] * scale);
    for (int i = 0; i < n; ++i) {
      const int x = x0 + i;
      if (x >= 0 && x < layer.cols) row[x] += wx[i] * wj;
    }
  }
}

}  // namespace

namespace {
// Hairs per follicular unit on the scalp: 1 to 4, mostly 2 (mean 2.05).
constexpr double kUnitSizeShare[4] = {0.25, 0.50, 0.20, 0.05};
constexpr double kMeanHairsPerUnit = 1 * 0.25 + 2 * 0.50 + 3 * 0.20 + 4 * 0.05;
}  // namespace

std::vector<FollicularUnit> place_follicular_units(const cv::Mat1f& per_px2, cv::Rect area, std::uint64_t seed,
                                                   const StubblePlacement& placement) {
  std::vector<FollicularUnit> out;
  if (per_px2.empty() || area.area() <= 0) return out;
  double max_d = 0;
  cv::minMaxLoc(per_px2, nullptr, &max_d);
  if (max_d <= 0) return out;
  const double sx = static_cast<double>(per_px2.cols) / area.width, sy = static_cast<double>(per_px2.rows) / area.height;
  auto density_at = [&](double x, double y) {
    const int mx = std::clamp(static_cast<int>((x - area.x) * sx), 0, per_px2.cols - 1);
    const int my = std::clamp(static_cast<int>((y - area.y) * sy), 0, per_px2.rows - 1);
    return static_cast<double>(per_px2(my, mx));
  };
  // The hairs the density gives over the area; units are placed until they hold that many.
  const double expected = cv::sum(per_px2)[0] / (sx * sy);
  const auto target = static_cast<std::size_t>(std::llround(expected));
  const double share = placement.unit_spacing_share;
  // Hash grid of accepted units; a cell is the smallest exclusion distance.
  const double cell = std::max(share * std::sqrt(kMeanHairsPerUnit / max_d), 0.25);
  const int gw = static_cast<int>(area.width / cell) + 1, gh = static_cast<int>(area.height / cell) + 1;
  std::vector<std::vector<int>> grid(static_cast<std::size_t>(gw) * static_cast<std::size_t>(gh));
  std::mt19937_64 rng(seed ^ 0xB022C07ull);
  std::uniform_real_distribution<double> ux(area.x, area.x + area.width), uy(area.y, area.y + area.height), u01(0, 1);
  // Blue noise this dense needs many darts per accepted unit near the end.
  const std::size_t tries = static_cast<std::size_t>(40.0 * static_cast<double>(target) / kMeanHairsPerUnit) + 100;
  std::size_t hairs = 0;
  out.reserve(static_cast<std::size_t>(static_cast<double>(target) / kMeanHairsPerUnit) + 1);
  for (std::size_t t = 0; t < tries && hairs < target; ++t) {
    const double x = ux(rng), y = uy(rng), pick = u01(rng);
    const double d = density_at(x, y);
    if (d <= 0 || u01(rng) * max_d > d) continue;
    const double r = share * std::sqrt(kMeanHairsPerUnit / d);
    const int gx = static_cast<int>((x - area.x) / cell), gy = static_cast<int>((y - area.y) / cell);
    const int reach = static_cast<int>(std::ceil(r / cell));
    bool ok = true;
    for (int j = std::max(0, gy - reach); ok && j <= std::min(gh - 1, gy + reach); ++j)
      for (int i = std::max(0, gx - reach); ok && i <= std::min(gw - 1, gx + reach); ++i)
        for (int id : grid[static_cast<std::size_t>(j) * static_cast<std::size_t>(gw) + static_cast<std::size_t>(i)]) {
          const cv::Point2f& q = out[static_cast<std::size_t>(id)].at;
          if ((q.x - x) * (q.x - x) + (q.y - y) * (q.y - y) < r * r) {
            ok = false;
            break;
          }
        }
    if (!ok) continue;
    int n = 1;
    for (double acc = kUnitSizeShare[0]; n < 4 && pick >= acc; ++n) acc += kUnitSizeShare[n];
    n = std::min<int>(n, static_cast<int>(target - hairs));
    grid[static_cast<std::size_t>(gy) * static_cast<std::size_t>(gw) + static_cast<std::size_t>(gx)].push_back(
        static_cast<int>(out.size()));
    out.push_back({cv::Point2f(static_cast<float>(x), static_cast<float>(y)), n});
    hairs += static_cast<std::size_t>(n);
  }
  return out;
}

std::vector<cv::Point2f> unit_hairs(const std::vector<FollicularUnit>& units, std::uint64_t seed,
                                    const StubblePlacement& placement) {
  std::vector<cv::Point2f> hairs;
  std::mt19937_64 rng(seed ^ 0xF011Cull);
  std::uniform_real_distribution<double> angle(0, 2 * std::numbers::pi);
  for (const FollicularUnit& u : units) {
    const double a0 = angle(rng);
    for (int h = 0; h < u.hairs; ++h) {
      // A lone hair stands at the opening; the hairs of a group fan around it.
      const double r = u.hairs == 1 ? 0.0 : placement.unit_radius_px;
      const double a = a0 + 2 * std::numbers::pi * h / u.hairs;
      hairs.emplace_back(static_cast<float>(u.at.x + r * std::cos(a)), static_cast<float>(u.at.y + r * std::sin(a)));
    }
  }
  return hairs;
}

void draw_stubble(const std::vector<cv::Point2f>& hairs, cv::Rect area, cv::Point2d growth, const StubbleLook& look,
                  std::uint64_t seed, cv::Mat1f& shaft, cv::Mat1f& shadow) {
  // As large as the changed box: tens of MB on a large photo.
  shaft = filled_in_bands(area.size(), 0.0f);
  shadow = filled_in_bands(area.size(), 0.0f);
  std::mt19937_64 rng(seed ^ 0x5AF7ull);
  std::normal_distribution<double> jitter(0.0, look.jitter_rad);
  std::uniform_real_distribution<double> vary(0.7, 1.3);
  const double base = std::atan2(growth.y, growth.x);
  const double d = std::max(look.diameter_px, 1e-3);
  const double rs = std::max(look.shadow_radius_px, 0.05);
  const double shadow_mass = look.shadow_strength * std::numbers::pi * rs * rs;
  // Drawn in bands of rows on all cores, each band adding the footprints that reach it in
  // their order: every pixel sums the same terms in the same order as one pass over them all,
  // so the layers are the same bit for bit whatever the thread count. The hairs' random draws
  // stay serial, from one generator; their footprints are listed and drawn a chunk at a time
  // (in order, so the sums are the same), which bounds the list on a large, long-haired head.
  constexpr int kBand = 64;
  constexpr std::size_t kChunk = 1 << 16;
  const int bands = (area.height + kBand - 1) / kBand;
  if (bands <= 0) return;
  std::vector<Footprint> prints;
  prints.reserve(kChunk + 256);
  std::vector<std::vector<std::uint32_t>> in_band(static_cast<std::size_t>(bands));
  const auto draw_listed = [&]() {
    for (auto& b : in_band) b.clear();
    for (std::size_t i = 0; i < prints.size(); ++i) {
      const FootprintSpan sp = span_of(prints[i].centre, prints[i].sigma);
      if (sp.n > 64) continue;  // deposit draws nothing that wide
      const int last = std::min(area.height - 1, sp.y0 + sp.n - 1);
      if (last < 0 || sp.y0 >= area.height) continue;
      for (int b = std::max(0, sp.y0) / kBand; b <= last / kBand; ++b)
        in_band[static_cast<std::size_t>(b)].push_back(static_cast<std::uint32_t>(i));
    }
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
      for (int b = range.start; b < range.end; ++b) {
        const int y0 = b * kBand, y1 = std::min(area.height, y0 + kBand);
        for (const std::uint32_t i : in_band[static_cast<std::size_t>(b)]) {
          const Footprint& f = prints[i];
          deposit(f.shadow ? shadow : shaft, f.centre, f.sigma, f.mass, y0, y1);
        }
      }
    });
    prints.clear();
  };
  for (const cv::Point2f& h : hairs) {
    const double a = base + jitter(rng);
    const cv::Point2d dir(std::cos(a), std::sin(a));
    const cv::Point2d p(h.x - static_cast<double>(area.x), h.y - static_cast<double>(area.y));
    const double len = look.length_px * vary(rng);
    // Seen through the photo's blur where the hair stands. Footprints along a streak half a
    // pixel apart, or half their own sigma where that is wider: Gaussians that close sum to a
    // smooth streak either way.
    const double blur = look.blur_field ? std::max<double>(look.blur_field->at(h, static_cast<float>(look.blur_px)), look.blur_px)
                                        : look.blur_px;
    const double shaft_sigma = std::sqrt(blur * blur + d * d / 16), shadow_sigma = std::sqrt(blur * blur + rs * rs / 2);
    const double shaft_step = std::max(0.5, 0.5 * shaft_sigma), shadow_step = std::max(0.5, 0.5 * shadow_sigma);
    // The shaft runs into the skin obliquely, against its lean: seen through the skin it is a
    // soft streak behind the exit, not a round speck.
    const double mass = shadow_mass * vary(rng);
    const int shadow_steps = std::max(1, static_cast<int>(std::ceil(look.shadow_length_px / shadow_step)));
    for (int s = 0; s < shadow_steps; ++s) {
      const double t = 0.5 * rs + (s + 0.5) * look.shadow_length_px / shadow_steps;
      prints.push_back({p - dir * t, shadow_sigma, mass / shadow_steps, true});
    }
    // The cut end seen from above, then the visible shaft.
    prints.push_back({p, shaft_sigma, 0.25 * std::numbers::pi * d * d, false});
    const int steps = static_cast<int>(std::ceil(len / shaft_step));
    for (int s = 0; s < steps; ++s) {
      const double t = (s + 0.5) * len / steps;
      prints.push_back({p + dir * t, shaft_sigma, d * len / steps, false});
    }
    if (prints.size() >= kChunk) draw_listed();
  }
  draw_listed();
}

}  // namespace smp::render::detail
