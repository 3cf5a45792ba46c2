#include "smp/render/gl/scene_renderer.hpp"

#include "scene_shaders.hpp"
#include "smp/render/gl/gl_check.hpp"
#include "smp/render/gl/shader_program.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace smp::render::gl {

namespace {

// Largest od downscale factor supported; photo tiles are a multiple of it so tiles align.
constexpr int kMaxOdFactor = 4;
// Texture units: the photo tile, the od tile, the redness layer.
constexpr int kTextureUnits = 3;

// Saves the GL state the scene draw changes and puts it back on destruction.
class SavedState {
 public:
  SavedState() {
    glGetIntegerv(GL_VIEWPORT, viewport_.data());
    glGetIntegerv(GL_SCISSOR_BOX, scissor_.data());
    scissor_on_ = glIsEnabled(GL_SCISSOR_TEST);
    blend_on_ = glIsEnabled(GL_BLEND);
    depth_on_ = glIsEnabled(GL_DEPTH_TEST);
    cull_on_ = glIsEnabled(GL_CULL_FACE);
    glGetIntegerv(GL_CURRENT_PROGRAM, &program_);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao_);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &active_);
    for (int unit = 0; unit < kTextureUnits; ++unit) {
      glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
      glGetIntegerv(GL_TEXTURE_BINDING_2D, &textures_[static_cast<std::size_t>(unit)]);
    }
    glGetFloatv(GL_COLOR_CLEAR_VALUE, clear_.data());
  }
  ~SavedState() {
    glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
    glScissor(scissor_[0], scissor_[1], scissor_[2], scissor_[3]);
    set(GL_SCISSOR_TEST, scissor_on_);
    set(GL_BLEND, blend_on_);
    set(GL_DEPTH_TEST, depth_on_);
    set(GL_CULL_FACE, cull_on_);
    glUseProgram(static_cast<GLuint>(program_));
    glBindVertexArray(static_cast<GLuint>(vao_));
    for (int unit = 0; unit < kTextureUnits; ++unit) {
      glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(textures_[static_cast<std::size_t>(unit)]));
    }
    glActiveTexture(static_cast<GLenum>(active_));
    glClearColor(clear_[0], clear_[1], clear_[2], clear_[3]);
  }
  SavedState(const SavedState&) = delete;
  SavedState& operator=(const SavedState&) = delete;

 private:
  static void set(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }
  std::array<GLint, 4> viewport_{}, scissor_{};
  GLboolean scissor_on_ = GL_FALSE, blend_on_ = GL_FALSE, depth_on_ = GL_FALSE, cull_on_ = GL_FALSE;
  GLint program_ = 0, vao_ = 0, active_ = GL_TEXTURE0;
  std::array<GLint, kTextureUnits> textures_{};
  std::array<GLfloat, 4> clear_{};
};

// Storage for one pigment tile and its whole mip chain (pixels are uploaded in bands).
Texture allocate_pigment_tile(const std::vector<cv::Mat1f>& chain) {
  Texture tex = make_texture();
  glBindTexture(GL_TEXTURE_2D, tex.get());
  if (epoxy_gl_version() >= 42 || epoxy_has_gl_extension("GL_ARB_texture_storage")) {
    glTexStorage2D(GL_TEXTURE_2D, static_cast<GLsizei>(chain.size()), GL_R32F, chain[0].cols, chain[0].rows);
  } else {
    for (std::size_t l = 0; l < chain.size(); ++l)
      glTexImage2D(GL_TEXTURE_2D, static_cast<GLint>(l), GL_R32F, chain[l].cols, chain[l].rows, 0, GL_RED, GL_FLOAT,
                   nullptr);
  }
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, static_cast<GLint>(chain.size() - 1));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return tex;
}

// The coarse redness layer as one texture, bilinear like cv::resize(INTER_LINEAR) over the
// same area (clamped edges, texel centres at half-pixel positions).
Texture upload_redness(const cv::Mat1f& redness) {
  cv::Mat1f r = redness;
  const int limit = max_texture_size();
  if (r.cols > limit || r.rows > limit) {
    const double f = static_cast<double>(limit) / std::max(r.cols, r.rows);
    cv::resize(redness, r, {std::clamp(static_cast<int>(r.cols * f), 1, limit), std::clamp(static_cast<int>(r.rows * f), 1, limit)},
               0, 0, cv::INTER_AREA);
  }
  if (!r.isContinuous()) r = r.clone();
  Texture tex = make_texture();
  glBindTexture(GL_TEXTURE_2D, tex.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, r.cols, r.rows, 0, GL_RED, GL_FLOAT, r.ptr<float>());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return tex;
}

}  // namespace

int aligned_tile_size(int max_tile, int od_factor) {
  const int t = (max_tile / od_factor) * od_factor;
  if (t <= 0) throw std::invalid_argument("tile size smaller than the od factor");
  return t;
}

SceneRenderer::SceneRenderer(const RendererOptions& options) : options_(options) {
  program_ = link_program(shaders::kSceneVertex, shaders::kSceneFragment);
  u_viewport_ = uniform_location(program_, "u_viewport");
  u_zoom_ = uniform_location(program_, "u_zoom");
  u_origin_ = uniform_location(program_, "u_origin");
  u_tile_ = uniform_location(program_, "u_tile");
  u_photo_ = uniform_location(program_, "u_photo");
  u_od_ = uniform_location(program_, "u_od");
  u_absorption_ = uniform_location(program_, "u_absorption");
  u_veil_ = uniform_location(program_, "u_veil");
  u_redness_tint_ = uniform_location(program_, "u_redness_tint");
  u_skin_ratio_ = uniform_location(program_, "u_skin_ratio");
  u_specular_margin_ = uniform_location(program_, "u_specular_margin");
  u_redness_ = uniform_location(program_, "u_redness");
  u_has_redness_ = uniform_location(program_, "u_has_redness");
  u_photo_size_ = uniform_location(program_, "u_photo_size");
  u_dots_ = uniform_location(program_, "u_dots");
  u_split_ = uniform_location(program_, "u_split");

  GLint previous_vao = 0, previous_buffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &previous_vao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &previous_buffer);
  vao_ = make_vertex_array();
  vbo_ = make_buffer();
  glBindVertexArray(vao_.get());
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.get());
  const std::array<float, 8> unit_quad = {0, 0, 1, 0, 0, 1, 1, 1};
  glBufferData(GL_ARRAY_BUFFER, sizeof unit_quad, unit_quad.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
  glBindVertexArray(static_cast<GLuint>(previous_vao));
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(previous_buffer));
  check_gl(options_.check_errors, "SceneRenderer()");
}

void SceneRenderer::set_photo(const cv::Mat3b& photo_bgr) {
  TextureOptions to;
  to.max_tile = aligned_tile_size(options_.max_tile > 0 ? std::min(options_.max_tile, max_texture_size())
                                                        : max_texture_size(),
                                  kMaxOdFactor);
  to.check_errors = options_.check_errors;
  photo_.upload(photo_bgr, to);
  photo_size_ = photo_bgr.size();
  clear_pigment();
}

PigmentTiles make_pigment_tiles(const PigmentLayers& layers, int tile_size) {
  const cv::Mat1f& od = layers.od;
  PigmentTiles t;
  t.size = od.size();
  t.redness = layers.redness;
  t.uniforms = layers.uniforms;
  t.tile_size = tile_size;
  const TileGrid grid = make_tile_grid(od.size(), tile_size);
  for (int i = 0; i < grid.count(); ++i) t.levels.push_back(mip_chain(cv::Mat1f(od(grid.tile(i)).clone())));
  return t;
}

int SceneRenderer::pigment_tile_size(int od_factor) const {
  return photo_.empty() ? 0 : photo_.grid().tile_size / std::max(od_factor, 1);
}

void SceneRenderer::set_pigment(const PigmentLayers& layers) {
  const cv::Mat1f& od = layers.od;
  if (photo_.empty() || od.empty()) {
    clear_pigment();
    return;
  }
  const int factor = (photo_size_.width + od.cols - 1) / od.cols;
  stage_pigment(make_pigment_tiles(layers, pigment_tile_size(factor)));
  continue_upload(std::chrono::hours(1));
}

void SceneRenderer::clear_pigment() {
  od_.clear();
  redness_.reset();
  staged_.reset();
}

void SceneRenderer::stage_pigment(PigmentTiles tiles) {
  staged_.reset();
  if (photo_.empty() || tiles.levels.empty()) return;
  const cv::Size od = tiles.size;
  const int factor = (photo_size_.width + od.width - 1) / od.width;
  const bool fits = factor >= 1 && factor <= kMaxOdFactor && kMaxOdFactor % factor == 0 &&
                    od.width == (photo_size_.width + factor - 1) / factor &&
                    od.height == (photo_size_.height + factor - 1) / factor &&
                    tiles.tile_size == pigment_tile_size(factor);
  if (!fits) throw std::invalid_argument("pigment layer size does not match the photo");
  Staged s;
  s.grid = make_tile_grid(od, tiles.tile_size);
  s.factor = factor;
  s.textures.resize(tiles.levels.size());  // storage is allocated per tile while uploading
  s.tiles = std::move(tiles);
  staged_ = std::move(s);
  check_gl(options_.check_errors, "SceneRenderer::stage_pigment");
}

bool SceneRenderer::continue_upload(std::chrono::microseconds budget) {
  if (!staged_) return true;
  Staged& s = *staged_;
  const auto start = std::chrono::steady_clock::now();
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  constexpr int kBandPixels = 1 << 18;  // ~1 MB of floats per glTexSubImage2D
  while (s.tile < s.tiles.levels.size()) {
    if (!s.textures[s.tile]) s.textures[s.tile] = allocate_pigment_tile(s.tiles.levels[s.tile]);
    const cv::Mat1f& level = s.tiles.levels[s.tile][s.level];
    const int rows = std::clamp(kBandPixels / std::max(level.cols, 1), 1, level.rows - s.row);
    glBindTexture(GL_TEXTURE_2D, s.textures[s.tile].get());
    glPixelStorei(GL_UNPACK_ROW_LENGTH, static_cast<GLint>(level.step[0] / sizeof(float)));
    glTexSubImage2D(GL_TEXTURE_2D, static_cast<GLint>(s.level), 0, s.row, level.cols, rows, GL_RED, GL_FLOAT,
                    level.ptr<float>(s.row));
    s.row += rows;
    if (s.row >= level.rows) {
      s.row = 0;
      if (++s.level >= s.tiles.levels[s.tile].size()) {
        s.level = 0;
        ++s.tile;
      }
    }
    if (std::chrono::steady_clock::now() - start >= budget) break;
  }
  // The redness layer is coarse (about 0.25 mm per texel): one small upload at the end.
  if (s.tile >= s.tiles.levels.size() && !s.redness && !s.tiles.redness.empty())
    s.redness = upload_redness(s.tiles.redness);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  check_gl(options_.check_errors, "SceneRenderer::continue_upload");
  if (s.tile < s.tiles.levels.size()) return false;
  od_.adopt(s.grid, CV_32FC1, true, std::move(s.textures));
  redness_ = std::move(s.redness);
  uniforms_ = s.tiles.uniforms;
  od_factor_ = s.factor;
  staged_.reset();
  return true;
}

void SceneRenderer::draw(const SceneView& view) const {
  const SavedState saved;
  const int gl_y = view.framebuffer.height - view.viewport.y - view.viewport.height;
  glViewport(view.viewport.x, gl_y, view.viewport.width, view.viewport.height);
  glEnable(GL_SCISSOR_TEST);
  glScissor(view.viewport.x, gl_y, view.viewport.width, view.viewport.height);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glClearColor(view.background[0], view.background[1], view.background[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (photo_.empty()) return;

  const bool dots = view.show_dots && !od_.empty();
  glUseProgram(program_.get());
  glBindVertexArray(vao_.get());
  glUniform2f(u_viewport_, static_cast<float>(view.viewport.width), static_cast<float>(view.viewport.height));
  glUniform1f(u_zoom_, static_cast<float>(view.zoom));
  glUniform2f(u_origin_, static_cast<float>(view.origin.x), static_cast<float>(view.origin.y));
  // The CPU's ApplyUniforms, BGR -> RGB.
  const ApplyUniforms& u = uniforms_;
  glUniform3f(u_absorption_, u.absorption_bgr[2], u.absorption_bgr[1], u.absorption_bgr[0]);
  glUniform3f(u_veil_, u.veil_bgr[2], u.veil_bgr[1], u.veil_bgr[0]);
  glUniform3f(u_redness_tint_, u.redness_tint_bgr[2], u.redness_tint_bgr[1], u.redness_tint_bgr[0]);
  glUniform2f(u_skin_ratio_, u.skin_ratio[0], u.skin_ratio[1]);
  glUniform1f(u_specular_margin_, u.specular_margin);
  const bool redness = dots && static_cast<bool>(redness_);
  glUniform1i(u_has_redness_, redness ? 1 : 0);
  // The area the layers cover, photo px (the od size times its factor: the photo, rounded up).
  const cv::Size layer_area = od_.empty() ? photo_size_ : od_.grid().image * od_factor_;
  glUniform2f(u_photo_size_, static_cast<float>(layer_area.width), static_cast<float>(layer_area.height));
  glUniform1i(u_dots_, dots ? 1 : 0);
  glUniform1f(u_split_, view.split_x < 0 ? -1e9f : static_cast<float>(view.viewport.x + view.split_x));
  glUniform1i(u_photo_, 0);
  glUniform1i(u_od_, 1);
  glUniform1i(u_redness_, 2);
  glActiveTexture(GL_TEXTURE2);
  glBindTexture(GL_TEXTURE_2D, redness ? redness_.get() : 0);
  for (int i = 0; i < photo_.grid().count(); ++i) {
    const cv::Rect r = photo_.grid().tile(i);
    glUniform4f(u_tile_, static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.width),
                static_cast<float>(r.height));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, photo_.tile_texture(i));
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, dots ? od_.tile_texture(i) : 0);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  }
  check_gl(options_.check_errors, "SceneRenderer::draw");
}

}  // namespace smp::render::gl
