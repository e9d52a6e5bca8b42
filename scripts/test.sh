#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
ctest --test-dir "${BRAID_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)"
