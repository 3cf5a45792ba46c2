#pragma once
// Splatting touches tile by tile: the image is cut into square tiles, touches are binned to
// the tiles their 3-sigma footprint overlaps (a stable counting sort), and each tile sums
// its touches into a small buffer that stays in the core's cache. Tiles run in parallel;
// inside a tile the touches are summed in their input order, so every pixel gets the same
// value whatever the number of threads. No image-sized float layer is needed: the consumer
// gets each tile's optical density and turns it into pixels right away.

#include "touches.hpp"

#include <opencv2/core.hpp>

#include <functional>
#include <span>

namespace smp::render::detail {

constexpr int kTileSize = 64;

// Called once per tile (from worker threads, each tile exactly once) with the tile's
// rectangle in the image and its optical density: od[y * kTileSize + x], or nullptr when
// no touch reaches the tile.
using TileConsumer = std::function<void(const cv::Rect& tile, const float* od)>;

void splat_tiles(cv::Size size, std::span<const Touch> touches, const TileConsumer& consume);

}  // namespace smp::render::detail
