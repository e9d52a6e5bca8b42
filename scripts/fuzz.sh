#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a short time on a copy of
# its seed corpus in tests/fuzz/corpus/. Usage: scripts/fuzz.sh [seconds per target, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
BRAID_SETUP_FUZZ=1 ./scripts/setup.sh
build=${BRAID_FUZZ_BUILD_DIR:-build-fuzz}
CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRAID_FUZZ=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in config analyzers search_request bulk; do
  mkdir -p "$work/$target"
  echo "fuzz_$target: ${seconds}s"
  "$build/tests/fuzz/fuzz_$target" "$work/$target" "tests/fuzz/corpus/$target" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$work/" 2>"$work/$target.log" || {
      tail -40 "$work/$target.log"; echo "fuzz_$target found a failure"; exit 1; }
  tail -1 "$work/$target.log"
done
