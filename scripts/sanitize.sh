#!/usr/bin/env bash
# Builds with AddressSanitizer + UndefinedBehaviorSanitizer and runs the whole test suite, then
# builds with ThreadSanitizer and runs the concurrency tests and the HTTP server's: the http suite
# (the server on real sockets, the in-process API under concurrent clients) and the end-to-end
# suite against a ThreadSanitizer build of `braid serve` (a race there ends the server, which the
# suite sees).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc)
what=${1:-all}
# -O1 as the sanitizers' manuals advise: it compiles in about half the time of -O2 (CI's budget is
# mostly compile time) and keeps stacks readable.
sanitizer_opt="-O1 -DNDEBUG"

if [ "$what" = all ] || [ "$what" = asan ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRAID_SANITIZE=address,undefined \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_opt" -DBRAID_BUILD_BENCH=OFF >/dev/null
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE chaos  # chaos: Release run only (time)
fi

if [ "$what" = all ] || [ "$what" = tsan ]; then
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRAID_SANITIZE=thread \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_opt" -DBRAID_BUILD_BENCH=OFF >/dev/null
  cmake --build build-tsan -j "$jobs" --target test_engine test_storage test_analyzers test_dense \
        test_http braid test_e2e test_cluster
  # FAISS's OpenMP runtime is not TSan-instrumented: pin it to one thread so reports are ours.
  # ICU is not either: scripts/tsan-suppressions.txt says why its lazy initialization is ignored.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$(pwd)/scripts/tsan-suppressions.txt"
  export OMP_NUM_THREADS=1
  build-tsan/tests/test_engine "[concurrency]"
  build-tsan/tests/test_storage "[group-commit]"
  build-tsan/tests/test_dense "[concurrency]"
  build-tsan/tests/test_analyzers "many threads analyzing at once get what one thread gets"
  build-tsan/tests/test_http
  build-tsan/tests/test_e2e
  build-tsan/tests/test_cluster "[registry]"   # the node heartbeat's thread against the registry's users
fi
