#pragma once
// Switchable GL error checks: on in tests and Debug builds, off by default in release use.

#include <stdexcept>

namespace smp::render::gl {

class GlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// When `enabled`, drains glGetError and throws GlError naming `where` if any error was set.
void check_gl(bool enabled, const char* where);

}  // namespace smp::render::gl
