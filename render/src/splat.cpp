#include "splat.hpp"

#include "vector_clones.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace smp::render::detail {

Splat make_splat(cv::Point2f centre, const cv::Matx22f& cov, float ink, float fresh, float min_sigma) {
  // Eigen-decompose the symmetric 2x2 covariance and clamp its axes to the pixel limit.
  const float a = cov(0, 0), b = 0.5f * (cov(0, 1) + cov(1, 0)), c = cov(1, 1);
  const float m = 0.5f * (a + c), d = std::sqrt(0.25f * (a - c) * (a - c) + b * b);
  const float floor2 = min_sigma * min_sigma;
  const float l1 = std::max(m + d, floor2), l2 = std::max(m - d, floor2);
  // The major axis at half the angle whose cosine and sine are (a - c) / 2d and b / d, by the
  // half-angle formulas (no atan2, cos and sin per splat).
  float cs = 1.0f, sn = 0.0f;
  if (d > 1e-12f * std::max(m, 1e-30f)) {
    const float c2 = std::clamp(0.5f * (a - c) / d, -1.0f, 1.0f);
    cs = std::sqrt(0.5f * (1.0f + c2));
    sn = std::copysign(std::sqrt(0.5f * (1.0f - c2)), b);
  }
  // Q = R diag(1/l1, 1/l2) R' / 12 ; S = R diag(l1, l2) R'.
  constexpr float kScale = 1.0f / 12.0f;  // 2 (n + 2) for n = 4
  Splat s;
  s.centre = centre;
  s.qxx = kScale * (cs * cs / l1 + sn * sn / l2);
  s.qxy = kScale * (cs * sn / l1 - cs * sn / l2);
  s.qyy = kScale * (sn * sn / l1 + cs * cs / l2);
  s.half_w = std::sqrt(12.0f * (cs * cs * l1 + sn * sn * l2));
  s.half_h = std::sqrt(12.0f * (sn * sn * l1 + cs * cs * l2));
  s.ink = ink;
  s.fresh = fresh;
  return s;
}

cv::Rect splat_box(const Splat& s, cv::Size size) {
  const int x0 = std::max(0, static_cast<int>(std::floor(s.centre.x - s.half_w)));
  const int x1 = std::min(size.width - 1, static_cast<int>(std::ceil(s.centre.x + s.half_w)));
  const int y0 = std::max(0, static_cast<int>(std::floor(s.centre.y - s.half_h)));
  const int y1 = std::min(size.height - 1, static_cast<int>(std::ceil(s.centre.y + s.half_h)));
  if (x0 > x1 || y0 > y1 || s.ink <= 0) return {};
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

namespace {

// The kernel along pixel row y: its terms in dy, b = 2 qxy dy and c = qyy dy², and its value
// (1 - q)^4 at a column's dx. One expression for the weights and for adding them straight in,
// so both give the same value at every pixel.
struct KernelRow {
  float b, c;
};
inline KernelRow kernel_row(const Splat& s, int y) {
  const float dy = static_cast<float>(y) + 0.5f - s.centre.y;
  return {2.0f * s.qxy * dy, s.qyy * dy * dy};
}
inline float kernel_at(const Splat& s, KernelRow r, float dx) {
  const float q = 1.0f - ((s.qxx * dx + r.b) * dx + r.c);
  const float t = q > 0.0f ? q : 0.0f;
  const float t2 = t * t;
  return t2 * t2;
}

}  // namespace

SMP_SHORT_ROW_VECTOR_CLONES float splat_weights(const Splat& s, cv::Rect box, std::vector<float>& scratch) {
  const int nx = box.width, ny = box.height;
  scratch.resize(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
  // Rows in loops without branches (vectorised), summed in eight fixed lanes: the same sum
  // on every run and thread count.
  constexpr int kLanes = 8;
  float lane[kLanes] = {};
  int at = 0;
  const float x0 = static_cast<float>(box.x) + 0.5f - s.centre.x;
  for (int j = 0; j < ny; ++j) {
    const KernelRow r = kernel_row(s, box.y + j);
    float* w = scratch.data() + static_cast<std::size_t>(j) * nx;
    for (int i = 0; i < nx; ++i) w[i] = kernel_at(s, r, x0 + static_cast<float>(i));
  }
  const float* w = scratch.data();
  const int n = nx * ny;
  for (; at + kLanes <= n; at += kLanes)
    for (int l = 0; l < kLanes; ++l) lane[l] += w[at + l];
  float sum = 0;
  for (; at < n; ++at) sum += w[at];
  for (int l = 0; l < kLanes; ++l) sum += lane[l];
  return sum;
}

namespace {

// The kernel's sum over the pixel centres of its box, from its integral pi / (5 sqrt(det Q)),
// when that gives it to within 2e-4: a splat at least 1.2 px wide (sigma) on both axes
// (sampling a smooth kernel that wide loses almost nothing, by Poisson summation; 3.9e-4 at
// 1.08 px) whose box the image does not cut. 0 when the pixels must be summed. Saves
// evaluating the kernel over the whole box for a splat a tile only holds part of, and a
// second pass over the weights.
float integral_sum(const Splat& s, cv::Size image) {
  const float det = s.qxx * s.qyy - s.qxy * s.qxy;
  const float m = 0.5f * (s.qxx + s.qyy), d = std::sqrt(0.25f * (s.qxx - s.qyy) * (s.qxx - s.qyy) + s.qxy * s.qxy);
  constexpr float kMaxQ = 1.0f / (12.0f * 1.2f * 1.2f);  // Q's largest eigenvalue for a sigma of 1.2 px
  if (det <= 0 || m + d > kMaxQ) return 0;
  if (s.centre.x - s.half_w < 0 || s.centre.y - s.half_h < 0 || s.centre.x + s.half_w > static_cast<float>(image.width - 1) ||
      s.centre.y + s.half_h > static_cast<float>(image.height - 1))
    return 0;
  return static_cast<float>(CV_PI / 5.0) / std::sqrt(det);
}

// Adds k times the kernel at the pixel centres of `part` to `od`, whose origin is `origin`
// (image px), in one pass: the same value at each pixel as adding k times splat_weights.
SMP_SHORT_ROW_VECTOR_CLONES void add_kernel(const Splat& s, cv::Rect part, cv::Point origin, float k, cv::Mat1f& od) {
  const float x0 = static_cast<float>(part.x) + 0.5f - s.centre.x;
  for (int y = part.y; y < part.br().y; ++y) {
    const KernelRow r = kernel_row(s, y);
    float* row = od.ptr<float>(y - origin.y) + (part.x - origin.x);
    for (int i = 0; i < part.width; ++i) row[i] += k * kernel_at(s, r, x0 + static_cast<float>(i));
  }
}

// Adds one splat's part inside `area` (image px) to `od`, whose origin is area.tl(), from its
// kernel weights `weights` over `box` = splat_box(s, image) and their sum.
void add_weights(const Splat& s, cv::Rect box, cv::Size image, cv::Rect area, cv::Mat1f& od, const float* weights,
                 float sum) {
  if (sum <= 0) {  // the dot fell between pixel centres at the image border: nearest pixel
    const int x = std::clamp(static_cast<int>(s.centre.x), 0, image.width - 1);
    const int y = std::clamp(static_cast<int>(s.centre.y), 0, image.height - 1);
    if (area.contains({x, y})) od(y - area.y, x - area.x) += s.ink;
    return;
  }
  const float k = s.ink / sum;
  const cv::Rect part = box & area;
  for (int y = part.y; y < part.br().y; ++y) {
    float* row = od.ptr<float>(y - area.y) + (part.x - area.x);
    const float* w = weights + static_cast<std::size_t>(y - box.y) * box.width + (part.x - box.x);
    for (int i = 0; i < part.width; ++i) row[i] += k * w[i];
  }
}

void add_clipped(const Splat& s, cv::Rect box, cv::Size image, cv::Rect area, cv::Mat1f& od, std::vector<float>& scratch) {
  if (box.empty()) return;
  if (const float sum = integral_sum(s, image); sum > 0) {
    add_kernel(s, box & area, area.tl(), s.ink / sum, od);
    return;
  }
  const float sum = splat_weights(s, box, scratch);
  add_weights(s, box, image, area, od, scratch.data(), sum);
}

}  // namespace

void accumulate(cv::Mat1f& layer, const Splat& s, std::vector<float>& scratch) {
  add_clipped(s, splat_box(s, layer.size()), layer.size(), cv::Rect(0, 0, layer.cols, layer.rows), layer, scratch);
}

cv::Rect TileBins::rect(int t) const {
  const int x = (t % cols) * tile.width, y = (t / cols) * tile.height;
  return cv::Rect(x, y, std::min(tile.width, image.width - x), std::min(tile.height, image.height - y));
}

void bin_splats(std::span<const Splat> splats, cv::Size image, cv::Size tile, TileBins& bins) {
  bins.image = image;
  bins.tile = cv::Size(std::max(tile.width, 1), std::max(tile.height, 1));
  bins.cols = (image.width + bins.tile.width - 1) / bins.tile.width;
  bins.rows = (image.height + bins.tile.height - 1) / bins.tile.height;
  const std::size_t n_tiles = static_cast<std::size_t>(bins.cols) * static_cast<std::size_t>(bins.rows);
  // Fixed blocks of splats on all cores: each counts its splats per tile, then writes them
  // from its own offset in every tile (the blocks before it first), so every tile lists its
  // splats in their order whatever the thread count. One allocation for the index.
  constexpr std::size_t kBlock = 16384;
  const std::size_t blocks = std::max<std::size_t>(1, (splats.size() + kBlock - 1) / kBlock);
  bins.boxes.resize(splats.size());
  std::vector<std::uint32_t> counts(blocks * n_tiles, 0);
  const auto for_each_tile = [&](cv::Rect b, auto&& f) {
    if (b.empty()) return;
    for (int ty = b.y / bins.tile.height; ty <= (b.br().y - 1) / bins.tile.height; ++ty)
      for (int tx = b.x / bins.tile.width; tx <= (b.br().x - 1) / bins.tile.width; ++tx) f(static_cast<std::size_t>(ty * bins.cols + tx));
  };
  const auto block_range = [&](std::size_t k) {
    return std::pair(k * kBlock, std::min(splats.size(), (k + 1) * kBlock));
  };
  cv::parallel_for_(cv::Range(0, static_cast<int>(blocks)), [&](const cv::Range& r) {
    for (int k = r.start; k < r.end; ++k) {
      std::uint32_t* count = counts.data() + static_cast<std::size_t>(k) * n_tiles;
      const auto [first, last] = block_range(static_cast<std::size_t>(k));
      for (std::size_t i = first; i < last; ++i) {
        bins.boxes[i] = splat_box(splats[i], image);
        for_each_tile(bins.boxes[i], [&](std::size_t t) { ++count[t]; });
      }
    }
  });
  bins.start.assign(n_tiles + 1, 0);
  for (std::size_t t = 0; t < n_tiles; ++t) {
    std::uint32_t in_tile = 0;
    for (std::size_t k = 0; k < blocks; ++k) {
      const std::uint32_t c = counts[k * n_tiles + t];
      counts[k * n_tiles + t] = in_tile;  // now: this block's offset within the tile
      in_tile += c;
    }
    bins.start[t + 1] = bins.start[t] + in_tile;
  }
  bins.index.resize(bins.start[n_tiles]);
  cv::parallel_for_(cv::Range(0, static_cast<int>(blocks)), [&](const cv::Range& r) {
    for (int k = r.start; k < r.end; ++k) {
      std::uint32_t* fill = counts.data() + static_cast<std::size_t>(k) * n_tiles;
      const auto [first, last] = block_range(static_cast<std::size_t>(k));
      for (std::size_t i = first; i < last; ++i)
        for_each_tile(bins.boxes[i], [&](std::size_t t) { bins.index[bins.start[t] + fill[t]++] = static_cast<std::uint32_t>(i); });
    }
  });
}

void splat_tile(std::span<const Splat> splats, const TileBins& bins, int t, cv::Mat1f& od, std::vector<float>& scratch) {
  const cv::Rect area = bins.rect(t);
  CV_Assert(od.size() == area.size());
  for (const std::uint32_t i : bins.splats(t)) add_clipped(splats[i], bins.boxes[i], bins.image, area, od, scratch);
}

bool same_tile_splats(std::span<const Splat> splats, const TileBins& bins, std::span<const Splat> old_splats,
                      const TileBins& old_bins, int t) {
  if (bins.image != old_bins.image || bins.tile != old_bins.tile || bins.start.size() != old_bins.start.size()) return false;
  const std::span<const std::uint32_t> now = bins.splats(t), before = old_bins.splats(t);
  if (now.size() != before.size()) return false;
  static_assert(sizeof(Splat) == 9 * sizeof(float), "no padding: memcmp compares the values");
  for (std::size_t k = 0; k < now.size(); ++k)
    if (std::memcmp(&splats[now[k]], &old_splats[before[k]], sizeof(Splat)) != 0) return false;
  return true;
}

bool cache_splat_weights(std::span<const Splat> splats, const TileBins& bins, std::size_t max_weights, SplatWeights& cache) {
  cache.valid = false;
  cache.offset.resize(splats.size() + 1);
  cache.offset[0] = 0;
  for (std::size_t i = 0; i < splats.size(); ++i)
    cache.offset[i + 1] = cache.offset[i] + static_cast<std::size_t>(bins.boxes[i].area());
  if (cache.offset.back() > max_weights) return false;
  cache.weights.resize(cache.offset.back());
  cache.sums.resize(splats.size());
  cv::parallel_for_(cv::Range(0, static_cast<int>(splats.size())), [&](const cv::Range& r) {
    std::vector<float> scratch;
    for (int k = r.start; k < r.end; ++k) {
      const auto i = static_cast<std::size_t>(k);
      if (bins.boxes[i].empty()) continue;
      const float sum = splat_weights(splats[i], bins.boxes[i], scratch);
      const float integral = integral_sum(splats[i], bins.image);
      cache.sums[i] = integral > 0 ? integral : sum;  // as splat_tile normalises it
      std::copy(scratch.begin(), scratch.end(), cache.weights.begin() + static_cast<std::ptrdiff_t>(cache.offset[i]));
    }
  });
  cache.valid = true;
  return true;
}

void splat_tile_cached(std::span<const Splat> splats, const TileBins& bins, const SplatWeights& cache, int t, cv::Mat1f& od) {
  const cv::Rect area = bins.rect(t);
  CV_Assert(od.size() == area.size() && cache.valid && cache.sums.size() == splats.size());
  for (const std::uint32_t i : bins.splats(t))
    if (!bins.boxes[i].empty())
      add_weights(splats[i], bins.boxes[i], bins.image, area, od, cache.weights.data() + cache.offset[i], cache.sums[i]);
}

}  // namespace smp::render::detail
