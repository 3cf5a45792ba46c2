#pragma once
// An image of any size as one or more textures (tiles of at most the GPU's maximum texture
// size). Accepts 8-bit BGR (photos), 8-bit BGRA (overlays) and 32-bit float single-channel
// images (the pigment optical-density layer).

#include "smp/render/gl/gl_handle.hpp"
#include "smp/render/gl/tile_grid.hpp"

#include <opencv2/core.hpp>

#include <vector>

namespace smp::render::gl {

struct TextureOptions {
  int max_tile = 0;      // 0: GL_MAX_TEXTURE_SIZE; tests set it small to force tiling
  bool mipmaps = true;   // trilinear filtering when zoomed out
  bool check_errors = false;
};

class TiledTexture {
 public:
  // Replaces the contents; the image is copied to the GPU and may be released afterwards.
  void upload(const cv::Mat& image, const TextureOptions& options = {});
  // Updates a region of a texture uploaded with the same size and type (no mipmaps rebuilt
  // when the texture has none).
  void update(const cv::Mat& image, cv::Rect region, const TextureOptions& options = {});
  void clear();
  // Takes over textures filled elsewhere (staged uploads), one per tile of `grid`.
  void adopt(const TileGrid& grid, int cv_type, bool mipmaps, std::vector<Texture> tiles);

  bool empty() const { return tiles_.empty(); }
  const TileGrid& grid() const { return grid_; }
  GLuint tile_texture(int index) const { return tiles_[static_cast<std::size_t>(index)].get(); }

 private:
  TileGrid grid_;
  int type_ = -1;
  bool mipmaps_ = false;
  std::vector<Texture> tiles_;
};

int max_texture_size();

// The mip chain of an image as GL expects it: level i is max(1, size >> i), down to 1x1,
// each level the area average of the previous one. Built on any thread (no GL).
std::vector<cv::Mat1f> mip_chain(const cv::Mat1f& level0);

}  // namespace smp::render::gl
