// Precompiled for the test executables (cmake/SmpPrecompiledHeaders.cmake).
#include "common.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
