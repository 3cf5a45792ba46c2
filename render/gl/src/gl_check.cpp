#include "smp/render/gl/gl_check.hpp"

#include <epoxy/gl.h>

#include <cstdio>
#include <string>

namespace smp::render::gl {

void check_gl(bool enabled, const char* where) {
  if (!enabled) return;
  std::string errors;
  for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError()) {
    char code[16];
    std::snprintf(code, sizeof code, "0x%04x", e);
    errors += errors.empty() ? code : std::string(", ") + code;
  }
  if (!errors.empty()) throw GlError(std::string("OpenGL error ") + errors + " in " + where);
}

}  // namespace smp::render::gl
