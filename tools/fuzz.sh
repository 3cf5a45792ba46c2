#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time from the committed seeds.
# Usage: tools/fuzz.sh BUILD_DIR [SECONDS_PER_TARGET=60]
# BUILD_DIR is a configuration with -DSMP_BUILD_FUZZERS=ON (clang). New interesting inputs
# go to BUILD_DIR/fuzz-corpus/<target> (kept between runs, never into the repository);
# a crashing input is written to BUILD_DIR/fuzz-artifacts/ and the script fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$1"
seconds="${2:-60}"
mkdir -p "$build/fuzz-artifacts"
status=0
for target in fuzz_plan_json fuzz_decode_photo; do
  exe="$build/tests/fuzz/smp_$target"
  work="$build/fuzz-corpus/$target"
  mkdir -p "$work"
  dict=()
  [[ "$target" == fuzz_plan_json ]] && dict=(-dict="$root/tests/fuzz/plan_json.dict")
  log="$build/fuzz-artifacts/$target.log"
  echo "== $target: ${seconds}s"
  if ! "$exe" "$work" "$root/tests/fuzz/corpus/$target" "${dict[@]}" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$target-" >"$log" 2>&1; then
    status=1
    tail -n 60 "$log"
  fi
  grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
done
exit $status
