#!/usr/bin/env bash
# Generates TypeScript types from openapi.yaml (openapi-typescript), compiles ts_client/ against
# them with tsc --strict, and runs it with node against a real `braid serve` (openapi-fetch).
# Offline: the npm packages come from NPM_DIR (scripts/setup_npm.sh). Exit 77 (ctest: Skipped)
# when node or those packages are missing.
# Usage: typescript_client_test.sh NPM_DIR SOURCE_DIR BRAID_BINARY WORK_DIR
set -euo pipefail
npm_dir=$1 source_dir=$2 braid=$3 work=$4
# A node taken from the npm registry by scripts/setup_npm.sh when the system's is too old.
[ -x "$npm_dir/runtime/node_modules/.bin/node" ] && export PATH="$npm_dir/runtime/node_modules/.bin:$PATH"
bin=$npm_dir/node_modules/.bin
if ! command -v node >/dev/null || [ ! -x "$bin/openapi-typescript" ] || [ ! -x "$bin/tsc" ] ||
   [ ! -d "$npm_dir/node_modules/openapi-fetch" ]; then
  echo "BRAID_SKIP: node or the npm packages are missing from $npm_dir: run scripts/setup.sh"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cp "$source_dir"/tests/openapi/ts_client/client_test.ts "$source_dir"/tests/openapi/ts_client/tsconfig.json "$work/"
echo '{"type": "module"}' >"$work/package.json"
ln -s "$npm_dir/node_modules" "$work/node_modules"
cd "$work"
# Members with a default stay optional in requests (the tool makes them required by default).
"$bin/openapi-typescript" "$source_dir/openapi.yaml" --default-non-nullable=false --output braid-api.d.ts
"$bin/tsc" -p tsconfig.json
exec node out/client_test.js "$braid" "$work/server"
