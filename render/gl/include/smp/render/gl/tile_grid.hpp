#pragma once
// Splitting an image into tiles no larger than the GPU's maximum texture size.
// Pure geometry (no GL), so it is tested without a context.

#include <opencv2/core.hpp>

#include <vector>

namespace smp::render::gl {

struct TileGrid {
  cv::Size image;       // the whole image, pixels
  int tile_size = 0;    // square tile edge, pixels (edge tiles are smaller)
  int cols = 0, rows = 0;

  int count() const { return cols * rows; }
  cv::Rect tile(int index) const;  // pixel rectangle of tile `index` (row-major)
};

// Tiles of at most `max_tile` pixels per side covering `image`; one tile when it fits.
TileGrid make_tile_grid(cv::Size image, int max_tile);

}  // namespace smp::render::gl
