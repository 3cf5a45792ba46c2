#include "smp/render/gl/tiled_texture.hpp"

#include "smp/render/gl/gl_check.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <stdexcept>

namespace smp::render::gl {

namespace {

struct PixelFormat {
  GLint internal = 0;
  GLenum format = 0, type = 0;
};

PixelFormat pixel_format(int cv_type) {
  switch (cv_type) {
    case CV_8UC3: return {GL_RGB8, GL_BGR, GL_UNSIGNED_BYTE};
    case CV_8UC4: return {GL_RGBA8, GL_BGRA, GL_UNSIGNED_BYTE};
    case CV_8UC1: return {GL_R8, GL_RED, GL_UNSIGNED_BYTE};
    case CV_32FC1: return {GL_R32F, GL_RED, GL_FLOAT};
    default: throw std::invalid_argument("unsupported image type for a texture");
  }
}

// Points GL's unpack state at `rect` of `image` (rows may be padded or a sub-view).
void set_unpack(const cv::Mat& image) {
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, static_cast<GLint>(image.step[0] / image.elemSize()));
}

void reset_unpack() {
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

}  // namespace

int max_texture_size() {
  GLint size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &size);
  return size > 0 ? size : 2048;
}

void TiledTexture::upload(const cv::Mat& image, const TextureOptions& options) {
  const PixelFormat pf = pixel_format(image.type());
  const int limit = options.max_tile > 0 ? std::min(options.max_tile, max_texture_size()) : max_texture_size();
  clear();
  grid_ = make_tile_grid(image.size(), limit);
  type_ = image.type();
  mipmaps_ = options.mipmaps;
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  set_unpack(image);
  for (int i = 0; i < grid_.count(); ++i) {
    const cv::Rect r = grid_.tile(i);
    const cv::Mat part = image(r);
    Texture tex = make_texture();
    glBindTexture(GL_TEXTURE_2D, tex.get());
    glTexImage2D(GL_TEXTURE_2D, 0, pf.internal, r.width, r.height, 0, pf.format, pf.type, part.data);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, mipmaps_ ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    if (mipmaps_) glGenerateMipmap(GL_TEXTURE_2D);
    tiles_.push_back(std::move(tex));
  }
  reset_unpack();
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  check_gl(options.check_errors, "TiledTexture::upload");
}

void TiledTexture::update(const cv::Mat& image, cv::Rect region, const TextureOptions& options) {
  if (image.size() != grid_.image || image.type() != type_) {
    upload(image, options);
    return;
  }
  region &= cv::Rect(0, 0, image.cols, image.rows);
  if (region.empty()) return;
  const PixelFormat pf = pixel_format(image.type());
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  set_unpack(image);
  for (int i = 0; i < grid_.count(); ++i) {
    const cv::Rect tile = grid_.tile(i);
    const cv::Rect part = tile & region;
    if (part.empty()) continue;
    glBindTexture(GL_TEXTURE_2D, tiles_[static_cast<std::size_t>(i)].get());
    glTexSubImage2D(GL_TEXTURE_2D, 0, part.x - tile.x, part.y - tile.y, part.width, part.height, pf.format, pf.type,
                    image(part).data);
    if (mipmaps_) glGenerateMipmap(GL_TEXTURE_2D);
  }
  reset_unpack();
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  check_gl(options.check_errors, "TiledTexture::update");
}

void TiledTexture::adopt(const TileGrid& grid, int cv_type, bool mipmaps, std::vector<Texture> tiles) {
  if (static_cast<int>(tiles.size()) != grid.count()) throw std::invalid_argument("one texture per tile expected");
  grid_ = grid;
  type_ = cv_type;
  mipmaps_ = mipmaps;
  tiles_ = std::move(tiles);
}

std::vector<cv::Mat1f> mip_chain(const cv::Mat1f& level0) {
  std::vector<cv::Mat1f> levels{level0};
  while (levels.back().cols > 1 || levels.back().rows > 1) {
    const cv::Mat1f& prev = levels.back();
    cv::Mat1f next;
    cv::resize(prev, next, {std::max(1, prev.cols / 2), std::max(1, prev.rows / 2)}, 0, 0, cv::INTER_AREA);
    levels.push_back(next);
  }
  return levels;
}

void TiledTexture::clear() {
  tiles_.clear();
  grid_ = {};
  type_ = -1;
}

}  // namespace smp::render::gl
