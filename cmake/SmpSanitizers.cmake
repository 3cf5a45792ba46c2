# Sanitizer and fuzzing builds. Applied to this directory scope (every project target
# below it, OpenCV and system libraries are not rebuilt), so both switches must be set
# before the add_subdirectory() calls.
#
#   SMP_SANITIZE=ON       AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang);
#                         any UB report stops the program (see CMakePresets.json).
#   SMP_BUILD_FUZZERS=ON  clang only: the same sanitizers plus libFuzzer coverage, and the
#                         fuzz targets in tests/fuzz.

if(SMP_BUILD_FUZZERS AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SMP_BUILD_FUZZERS needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
endif()

if(SMP_SANITIZE OR SMP_BUILD_FUZZERS)
  set(_smp_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=undefined)
  add_compile_options(${_smp_sanitizers} -fno-omit-frame-pointer -g)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Line tables are enough for symbolised sanitizer stacks and keep the build and links
    # fast (the last -g option wins over the configuration's -g).
    add_compile_options(-gline-tables-only)
  endif()
  add_link_options(${_smp_sanitizers})
endif()

if(SMP_BUILD_FUZZERS)
  # Coverage instrumentation for libFuzzer in every library; the fuzz targets add the
  # libFuzzer main themselves (-fsanitize=fuzzer at link).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
