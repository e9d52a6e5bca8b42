#!/usr/bin/env bash
# Configures and builds braid (Release) into ./build (or $BRAID_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BRAID_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=${BRAID_BUILD_TYPE:-Release} "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
