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
