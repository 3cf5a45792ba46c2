#include "ui_texture.hpp"

#include "smp/render/gl/gl_check.hpp"

#include <algorithm>
#include <cstdint>

namespace smp::studio {

void UiTexture::upload(const UiImage& image, bool check_errors) {
  clear();
  if (image.width <= 0 || image.height <= 0) return;
  GLint previous = 0, alignment = 4;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  render::gl::Texture texture = render::gl::make_texture();
  glBindTexture(GL_TEXTURE_2D, texture.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);  // RGBA rows are always 4-byte aligned
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  render::gl::check_gl(check_errors, "uploading a picture");
  texture_ = std::move(texture);
  width_ = image.width;
  height_ = image.height;
}

ImTextureID UiTexture::imgui_id() const {
  return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_.get()));
}

ImVec2 UiTexture::fit(float max_w, float max_h) const {
  if (empty()) return {0, 0};
  const float w = static_cast<float>(width_), h = static_cast<float>(height_);
  const float s = std::min({max_w / w, max_h / h, 2.0f});
  return {w * s, h * s};
}

}  // namespace smp::studio
