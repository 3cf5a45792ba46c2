#!/usr/bin/env bash
# Installs what is missing (including Xvfb for the viewer tests), builds everything with
# warnings as errors and runs the whole test suite, then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (CMakePresets.json "asan": clang, any UB
# report fails), then each libFuzzer target for a bounded time from the committed corpus
# (SMP_FUZZ_SECONDS, default 60). Every stage runs whatever happened in the others; the
# script prints each stage's result and fails if any stage failed.
# The soak test (label "soak") and the evaluation on the labelled photos (label "eval") run
# in the normal build only; the golden-image tests run in
# both (the clang sanitizer build gives the same pixels as the GCC Release build). Of the
# development-photo cases the sanitizers run one of each kind (frontal, top, landscape, marked;
# a frontal and a top buzz, and one whose hair volume lies beyond the head's outline; both
# refusals: CMakePresets.json), the normal build all of them.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
"$root/tools/install-deps.sh" --test || { echo "test.sh: installing the dependencies failed" >&2; exit 1; }

declare -a names=() results=()
stage() {  # stage NAME COMMAND...: runs the command, records "passed"/"FAILED" and the time
  local name="$1" start=$SECONDS
  shift
  echo "== $name"
  if "$@"; then results+=("passed"); else results+=("FAILED"); fi
  names+=("$name ($((SECONDS - start)) s)")
}

gcc_suite() {
  cmake -S "$root" -B "$root/build-test" -DCMAKE_BUILD_TYPE=Release -DSMP_WARNINGS_AS_ERRORS=ON >/dev/null &&
    cmake --build "$root/build-test" -j"$jobs" &&
    (cd "$root/build-test" && ctest --output-on-failure -j"$jobs" --timeout 900)
}
asan_build() { (cd "$root" && cmake --preset asan >/dev/null && cmake --build --preset asan -j"$jobs"); }
asan_suite() { (cd "$root" && ctest --preset asan -j"$jobs"); }
fuzzing() { "$root/tools/fuzz.sh" "$root/build-asan" "${SMP_FUZZ_SECONDS:-60}"; }

stage "build and test (GCC, -Werror)" gcc_suite
stage "sanitizer build (clang ASan+UBSan)" asan_build
# The fuzzers need the sanitizer build; they run even when its test suite fails.
if [[ "${results[1]}" == passed ]]; then
  stage "test suite under ASan+UBSan" asan_suite
  stage "fuzzing (${SMP_FUZZ_SECONDS:-60} s per target)" fuzzing
fi

echo "== summary"
status=0
for i in "${!names[@]}"; do
  printf '%-8s %s\n' "${results[$i]}" "${names[$i]}"
  [[ "${results[$i]}" == passed ]] || status=1
done
exit $status
