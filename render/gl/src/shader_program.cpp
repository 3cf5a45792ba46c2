#include "smp/render/gl/shader_program.hpp"

#include "smp/render/gl/gl_check.hpp"

#include <string>

namespace smp::render::gl {

namespace {

Shader compile(GLenum kind, std::string_view source) {
  Shader shader(glCreateShader(kind));
  const char* text = source.data();
  const auto length = static_cast<GLint>(source.size());
  glShaderSource(shader.get(), 1, &text, &length);
  glCompileShader(shader.get());
  GLint ok = 0;
  glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetShaderInfoLog(shader.get(), sizeof log, nullptr, log);
    throw GlError(std::string(kind == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader: " + log);
  }
  return shader;
}

}  // namespace

Program link_program(std::string_view vertex_source, std::string_view fragment_source) {
  const Shader vs = compile(GL_VERTEX_SHADER, vertex_source);
  const Shader fs = compile(GL_FRAGMENT_SHADER, fragment_source);
  Program program(glCreateProgram());
  glAttachShader(program.get(), vs.get());
  glAttachShader(program.get(), fs.get());
  glLinkProgram(program.get());
  GLint ok = 0;
  glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetProgramInfoLog(program.get(), sizeof log, nullptr, log);
    throw GlError(std::string("shader link: ") + log);
  }
  glDetachShader(program.get(), vs.get());
  glDetachShader(program.get(), fs.get());
  return program;
}

GLint uniform_location(const Program& program, const char* name) { return glGetUniformLocation(program.get(), name); }

}  // namespace smp::render::gl
