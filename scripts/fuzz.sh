#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a short time, starting
# from its seed corpus in tests/fuzz/corpus/. Usage: scripts/fuzz.sh [seconds per target, default 30]
# A crash, leak or timeout leaves its reproducer in $build/artifacts/<target>/ (kept, and its path
# printed): replay it with `$build/tests/fuzz/fuzz_<target> FILE`, and once fixed, copy it into
# tests/fuzz/regressions/<target>/ so that ctest replays it from then on (tests/fuzz/replay.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
BRAID_SETUP_FUZZ=1 ./scripts/setup.sh
build=${BRAID_FUZZ_BUILD_DIR:-build-fuzz}
CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRAID_FUZZ=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
artifacts="$(pwd)/$build/artifacts"
logs="$(pwd)/$build/logs"
# What a run discovers beyond the seeds is scratch, but the findings (artifacts) are not.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in config analyzers search_request bulk; do
  mkdir -p "$work/$target" "$artifacts/$target" "$logs"
  touch "$work/$target.started"
  echo "fuzz_$target: ${seconds}s"
  if ! "$build/tests/fuzz/fuzz_$target" "$work/$target" "tests/fuzz/corpus/$target" \
      -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix="$artifacts/$target/" 2>"$logs/$target.log"; then
    tail -40 "$logs/$target.log"
    echo "fuzz_$target found a failure; its reproducer is kept:"
    find "$artifacts/$target" -type f -newer "$work/$target.started" -printf '  %p\n'
    echo "full log: $logs/$target.log"
    exit 1
  fi
  tail -1 "$logs/$target.log"
done
