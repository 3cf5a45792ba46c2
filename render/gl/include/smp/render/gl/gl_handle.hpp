#pragma once
// RAII ownership of OpenGL object names. Non-copyable; a move hands the name over and
// zeroes the source, so every name is deleted exactly once (and only on the GL thread).
//
// GL loader: libepoxy (glad is not packaged on the target systems); no init call needed.

#include <epoxy/gl.h>

#include <utility>

namespace smp::render::gl {

template <class Traits>
class Handle {
 public:
  Handle() = default;
  explicit Handle(GLuint id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }

  GLuint get() const { return id_; }
  explicit operator bool() const { return id_ != 0; }
  void reset() {
    if (id_ != 0) Traits::destroy(id_);
    id_ = 0;
  }

 private:
  GLuint id_ = 0;
};

struct TextureTraits {
  static void destroy(GLuint id) { glDeleteTextures(1, &id); }
};
struct BufferTraits {
  static void destroy(GLuint id) { glDeleteBuffers(1, &id); }
};
struct VertexArrayTraits {
  static void destroy(GLuint id) { glDeleteVertexArrays(1, &id); }
};
struct ShaderTraits {
  static void destroy(GLuint id) { glDeleteShader(id); }
};
struct ProgramTraits {
  static void destroy(GLuint id) { glDeleteProgram(id); }
};

using Texture = Handle<TextureTraits>;
using Buffer = Handle<BufferTraits>;
using VertexArray = Handle<VertexArrayTraits>;
using Shader = Handle<ShaderTraits>;
using Program = Handle<ProgramTraits>;

Texture make_texture();
Buffer make_buffer();
VertexArray make_vertex_array();

}  // namespace smp::render::gl
