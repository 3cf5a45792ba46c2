// Precompiled for the viewer (cmake/SmpPrecompiledHeaders.cmake).
#include "common.hpp"
#include <imgui.h>
