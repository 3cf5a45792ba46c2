#include "tile_splat.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp::render::detail {

namespace {

constexpr float kReach = 3.0f;  // sigmas: beyond this a Gaussian adds < 1.2% of its peak

struct Footprint {
  int x0, y0, x1, y1;  // inclusive pixel bounds, unclipped
};

Footprint footprint(const Touch& t) {
  const float r = kReach * t.sigma;
  return {static_cast<int>(std::floor(t.x - r)), static_cast<int>(std::floor(t.y - r)),
          static_cast<int>(std::ceil(t.x + r)), static_cast<int>(std::ceil(t.y + r))};
}

// exp(k * (d0 + i)^2) for i = 0..n-1 by the recurrence w[i+1] = w[i] * g[i],
// g[i+1] = g[i] * exp(2k): three exponentials per axis instead of one per pixel.
void gaussian_weights(float d0, float k, int n, float scale, float* w) {
  float wi = scale * std::exp(k * d0 * d0);
  float g = std::exp(k * (2.0f * d0 + 1.0f));
  const float g2 = std::exp(2.0f * k);
  for (int i = 0; i < n; ++i) {
    w[i] = wi;
    wi *= g;
    g *= g2;
  }
}

// Adds one touch, clipped to the tile, into the tile buffer.
void splat(const Touch& t, const cv::Rect& tile, float* od) {
  const Footprint f = footprint(t);
  const int x0 = std::max(f.x0, tile.x), x1 = std::min(f.x1, tile.x + tile.width - 1);
  const int y0 = std::max(f.y0, tile.y), y1 = std::min(f.y1, tile.y + tile.height - 1);
  if (x0 > x1 || y0 > y1) return;
  const int nx = x1 - x0 + 1, ny = y1 - y0 + 1;
  const float k = -0.5f / (t.sigma * t.sigma);
  std::array<float, kTileSize> wx, wy;  // a touch never spans more than the tile here
  gaussian_weights(static_cast<float>(x0) + 0.5f - t.x, k, nx, 1.0f, wx.data());
  gaussian_weights(static_cast<float>(y0) + 0.5f - t.y, k, ny, t.peak, wy.data());
  for (int j = 0; j < ny; ++j) {
    float* row = od + (y0 - tile.y + j) * kTileSize + (x0 - tile.x);
    const float a = wy[static_cast<std::size_t>(j)];
    for (int i = 0; i < nx; ++i) row[i] += a * wx[static_cast<std::size_t>(i)];
  }
}

}  // namespace

void splat_tiles(cv::Size size, std::span<const Touch> touches, const TileConsumer& consume) {
  const int cols = (size.width + kTileSize - 1) / kTileSize, rows = (size.height + kTileSize - 1) / kTileSize;
  if (cols <= 0 || rows <= 0) return;
  const std::size_t tiles = static_cast<std::size_t>(cols) * rows;

  // Stable counting sort of touch indices by tile (a touch goes to each tile it overlaps).
  auto for_each_tile_of = [&](const Touch& t, auto&& fn) {
    const Footprint f = footprint(t);
    const int tx0 = std::max(f.x0, 0) / kTileSize, tx1 = std::min(f.x1, size.width - 1) / kTileSize;
    const int ty0 = std::max(f.y0, 0) / kTileSize, ty1 = std::min(f.y1, size.height - 1) / kTileSize;
    if (f.x1 < 0 || f.y1 < 0 || f.x0 >= size.width || f.y0 >= size.height) return;
    for (int ty = ty0; ty <= ty1; ++ty)
      for (int tx = tx0; tx <= tx1; ++tx) fn(static_cast<std::size_t>(ty) * cols + tx);
  };
  std::vector<std::uint32_t> start(tiles + 1, 0);
  for (const Touch& t : touches) for_each_tile_of(t, [&](std::size_t i) { ++start[i + 1]; });
  for (std::size_t i = 0; i < tiles; ++i) start[i + 1] += start[i];
  std::vector<std::uint32_t> order(start.back());
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t k = 0; k < touches.size(); ++k) for_each_tile_of(touches[k], [&](std::size_t i) { order[fill[i]++] = k; });
  }

  cv::parallel_for_(cv::Range(0, static_cast<int>(tiles)), [&](const cv::Range& range) {
    std::vector<float> od(static_cast<std::size_t>(kTileSize) * kTileSize);
    for (int i = range.start; i < range.end; ++i) {
      const int tx = i % cols, ty = i / cols;
      const cv::Rect tile(tx * kTileSize, ty * kTileSize, std::min(kTileSize, size.width - tx * kTileSize),
                          std::min(kTileSize, size.height - ty * kTileSize));
      const std::uint32_t b = start[static_cast<std::size_t>(i)], e = start[static_cast<std::size_t>(i) + 1];
      if (b == e) {
        consume(tile, nullptr);
        continue;
      }
      std::fill(od.begin(), od.end(), 0.0f);
      for (std::uint32_t k = b; k < e; ++k) splat(touches[order[k]], tile, od.data());
      consume(tile, od.data());
    }
  }, std::max(1.0, static_cast<double>(tiles) / 16.0));
}

}  // namespace smp::render::detail
