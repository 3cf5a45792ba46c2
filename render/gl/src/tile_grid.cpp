#include "smp/render/gl/tile_grid.hpp"

#include <algorithm>
#include <stdexcept>

namespace smp::render::gl {

cv::Rect TileGrid::tile(int index) const {
  const int c = index % cols, r = index / cols;
  const int x = c * tile_size, y = r * tile_size;
  return {x, y, std::min(tile_size, image.width - x), std::min(tile_size, image.height - y)};
}

TileGrid make_tile_grid(cv::Size image, int max_tile) {
  if (max_tile < 1) throw std::invalid_argument("tile size must be positive");
  TileGrid g;
  g.image = image;
  g.tile_size = max_tile;
  if (image.width <= 0 || image.height <= 0) return g;
  g.cols = (image.width + max_tile - 1) / max_tile;
  g.rows = (image.height + max_tile - 1) / max_tile;
  return g;
}

}  // namespace smp::render::gl
