#pragma once
// Compiling and linking a GLSL program; failures throw GlError with the driver's log.

#include "smp/render/gl/gl_handle.hpp"

#include <string_view>

namespace smp::render::gl {

Program link_program(std::string_view vertex_source, std::string_view fragment_source);

// Location of a uniform; -1 (ignored by glUniform*) when the driver optimised it away.
GLint uniform_location(const Program& program, const char* name);

}  // namespace smp::render::gl
