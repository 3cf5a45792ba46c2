#!/usr/bin/env bash
# Runs the libFuzzer targets side by side, each for a bounded time from the committed seeds.
# Usage: tools/fuzz.sh BUILD_DIR [SECONDS_PER_TARGET=60]
# BUILD_DIR is a configuration with -DSMP_BUILD_FUZZERS=ON (clang). New interesting inputs
# go to BUILD_DIR/fuzz-corpus/<target> (kept between runs, never into the repository);
# a crashing input is written to BUILD_DIR/fuzz-artifacts/ and the script fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$1"
seconds="${2:-60}"
mkdir -p "$build/fuzz-artifacts"
# The targets run side by side (one core each), so the stage takes SECONDS, not 2 x SECONDS.
run_target() {  # run_target TARGET: fuzzes it, prints its log's tail on failure and its figures
  local target="$1" exe="$build/tests/fuzz/smp_$1" work="$build/fuzz-corpus/$1"
  local log="$build/fuzz-artifacts/$1.log" dict=()
  mkdir -p "$work"
  [[ "$target" == fuzz_plan_json ]] && dict=(-dict="$root/tests/fuzz/plan_json.dict")
  if ! "$exe" "$work" "$root/tests/fuzz/corpus/$target" "${dict[@]}" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$target-" >"$log" 2>&1; then
    echo "== $target: FAILED"
    tail -n 60 "$log"
    return 1
  fi
  echo "== $target: ${seconds}s"
  grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
}
targets=(fuzz_plan_json fuzz_decode_photo)
declare -a pids=()
for target in "${targets[@]}"; do
  run_target "$target" >"$build/fuzz-artifacts/$target.summary" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  wait "${pids[$i]}" || status=1
  cat "$build/fuzz-artifacts/${targets[$i]}.summary"
done
exit $status
