#pragma once
// Draws the client photo with the cached pigment layer applied, inside a viewport.
//
// The dot layers are the CPU `pigment_layers` (optical density, coarse fresh redness and the
// ApplyUniforms) uploaded once per plan change; the fragment shader applies exactly the apply
// formula of appearance.hpp (`apply_formula`), with its uniforms taken from the same
// ApplyUniforms the CPU compositor uses. Pan and zoom only change view uniforms: no dot is
// redrawn per frame. Call only on the thread that owns the GL context.

#include "smp/render/appearance.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/gl/gl_handle.hpp"
#include "smp/render/gl/tiled_texture.hpp"

#include <opencv2/core.hpp>

#include <chrono>
#include <optional>
#include <vector>

namespace smp::render::gl {

struct RendererOptions {
  // Largest texture tile; 0 = the GPU's limit. Moderate tiles keep each allocation short, which
  // matters on software GL (llvmpipe allocating a 13 MP float texture stalls ~0.5 s).
  int max_tile = 1024;
  bool check_errors = false;  // throw GlError after each GL step (tests, Debug)
};

// A pigment layer prepared off the GL thread: the layer cut into the renderer's tiles, each
// with its full mip chain (so no glGenerateMipmap stalls the UI on software GL).
struct PigmentTiles {
  cv::Size size;                               // the whole od layer
  int tile_size = 0;                           // layer pixels per tile side
  std::vector<std::vector<cv::Mat1f>> levels;  // [tile][mip level] of the od layer
  cv::Mat1f redness;                           // coarse redness over the same area (one texture); empty = none
  ApplyUniforms uniforms;                      // the apply formula's uniforms, as the CPU uses them
};

// Builds PigmentTiles from the layers for tiles of `tile_size` (any thread).
PigmentTiles make_pigment_tiles(const PigmentLayers& layers, int tile_size);

// Where and how the photo appears. All lengths are framebuffer pixels.
struct SceneView {
  cv::Size framebuffer;     // the whole framebuffer (GL's y axis points up; this is flipped)
  cv::Rect viewport;        // the drawing area, top-left origin
  double zoom = 1.0;        // framebuffer pixels per photo pixel
  cv::Point2d origin;       // position of photo pixel (0,0)'s corner, relative to viewport top-left
  bool show_dots = true;
  double split_x = -1.0;    // viewport-relative: dots only right of this x; < 0 = everywhere
  cv::Vec3f background{0.11f, 0.115f, 0.125f};  // RGB around the photo
};

class SceneRenderer {
 public:
  explicit SceneRenderer(const RendererOptions& options = {});

  void set_photo(const cv::Mat3b& photo_bgr);
  // `layers.od` covers the whole photo: its size is the photo's divided by an integer factor;
  // `layers.redness` covers the same area at any (coarse) resolution.
  void set_pigment(const PigmentLayers& layers);
  void clear_pigment();
  // The pigment-layer tile size to prepare for a layer `od_factor` times smaller than the photo.
  int pigment_tile_size(int od_factor) const;
  // Incremental replacement of the layer: stage it, then continue each frame within a time
  // budget; the old layer stays on screen until the new one is complete.
  void stage_pigment(PigmentTiles tiles);
  // Returns true when nothing is left to upload (the staged layer is now shown).
  bool continue_upload(std::chrono::microseconds budget);
  bool uploading() const { return staged_.has_value(); }

  bool has_photo() const { return !photo_.empty(); }
  cv::Size photo_size() const { return photo_size_; }

  // Draws into the current framebuffer; restores the GL state it changes.
  void draw(const SceneView& view) const;

 private:
  RendererOptions options_;
  Program program_;
  VertexArray vao_;
  Buffer vbo_;
  GLint u_viewport_ = -1, u_zoom_ = -1, u_origin_ = -1, u_tile_ = -1, u_photo_ = -1, u_od_ = -1;
  GLint u_absorption_ = -1, u_veil_ = -1, u_redness_tint_ = -1, u_skin_ratio_ = -1, u_specular_margin_ = -1;
  GLint u_redness_ = -1, u_has_redness_ = -1, u_photo_size_ = -1, u_dots_ = -1, u_split_ = -1;
  cv::Size photo_size_;
  TiledTexture photo_;
  TiledTexture od_;
  Texture redness_;          // the whole coarse redness layer (bilinear); empty = none
  ApplyUniforms uniforms_;   // of the shown layer
  int od_factor_ = 1;  // photo pixels per od pixel

  struct Staged {
    PigmentTiles tiles;
    TileGrid grid;
    int factor = 1;
    std::vector<Texture> textures;
    Texture redness;
    std::size_t tile = 0, level = 0;
    int row = 0;  // next row of the current level to upload
  };
  std::optional<Staged> staged_;
};

// The photo-tile size used for both textures: a multiple of `od_factor` within the limit.
int aligned_tile_size(int max_tile, int od_factor);

}  // namespace smp::render::gl
