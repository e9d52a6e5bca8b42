#!/usr/bin/env bash
# `redocly lint` (@redocly/cli, pinned in tests/openapi/npm/) over openapi.yaml with the
# repository's redocly.yaml: fails on any error or warning. Exit 77 (ctest: Skipped) when node or
# the package is missing. Usage: lint_test.sh NPM_DIR SOURCE_DIR
set -euo pipefail
npm_dir=$1 source_dir=$2
# A node taken from the npm registry by scripts/setup_npm.sh when the system's is too old.
[ -x "$npm_dir/runtime/node_modules/.bin/node" ] && export PATH="$npm_dir/runtime/node_modules/.bin:$PATH"
redocly=$npm_dir/node_modules/.bin/redocly
if ! command -v node >/dev/null || [ ! -x "$redocly" ]; then
  echo "BRAID_SKIP: node or @redocly/cli is missing from $npm_dir: run scripts/setup.sh"
  exit 77
fi
cd "$source_dir"
# No telemetry or update check: the test stays offline.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
# redocly exits 0 on warnings: count them from its summary too.
output=$("$redocly" lint --config redocly.yaml --max-problems 200 openapi.yaml 2>&1) && status=0 || status=$?
echo "$output"
if [ "$status" -ne 0 ] || grep -qE "You have [0-9]+ warning" <<<"$output"; then
  echo "redocly lint: errors or warnings above"
  exit 1
fi
