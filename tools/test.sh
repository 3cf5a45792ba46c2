#!/usr/bin/env bash
# Installs what is missing (including Xvfb for the viewer tests), builds everything with
# warnings as errors and runs the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/install-deps.sh" --test
jobs="$(nproc)"
cmake -S "$root" -B "$root/build-test" -DCMAKE_BUILD_TYPE=Release -DSMP_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$root/build-test" -j"$jobs"
cd "$root/build-test"
ctest --output-on-failure -j"$jobs" --timeout 900

# Reliability (issue 7): the whole suite again under AddressSanitizer + UndefinedBehavior-
# Sanitizer (CMakePresets.json "asan": clang, any UB report fails), then each libFuzzer
# target for a bounded time from the committed seeds (SMP_FUZZ_SECONDS, default 60).
# The soak test (label "soak") runs in the normal build above only. The golden-image tests
# run in both: the clang sanitizer build gives the same pixels as the GCC Release build.
cd "$root"
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
ctest --preset asan -j"$jobs"
"$root/tools/fuzz.sh" "$root/build-asan" "${SMP_FUZZ_SECONDS:-60}"
