// Precompiled for the programs' shared code (cmake/SmpPrecompiledHeaders.cmake).
#include "common.hpp"
#include <nlohmann/json.hpp>
