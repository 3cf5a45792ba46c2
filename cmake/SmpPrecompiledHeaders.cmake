# Precompiled headers. Most of a translation unit's compile time is spent parsing the same
# system headers again (OpenCV, GoogleTest, nlohmann-json, the standard library): about
# 60 % of a test file's. Each library compiles its set once; the test executables share one
# (each macro they define carries the same value in all of them, as clang's check requires).
#
#   SMP_PRECOMPILED_HEADERS=ON (default)  OFF to check that every file includes what it uses.

option(SMP_PRECOMPILED_HEADERS "Precompile the common system headers" ON)

# smp_precompile_headers(TARGET SET): TARGET compiles cmake/pch/SET.hpp once for its files.
function(smp_precompile_headers target set)
  if(SMP_PRECOMPILED_HEADERS)
    target_precompile_headers(${target} PRIVATE "${PROJECT_SOURCE_DIR}/cmake/pch/${set}.hpp")
  endif()
endfunction()

# smp_reuse_precompiled_headers(TARGET FROM): TARGET uses FROM's set (same flags required).
function(smp_reuse_precompiled_headers target from)
  if(SMP_PRECOMPILED_HEADERS)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()
