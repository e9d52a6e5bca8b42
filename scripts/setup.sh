#!/usr/bin/env bash
# Installs the Debian bookworm packages braid needs to build, test and benchmark. Idempotent:
# runs apt-get update only when something is missing. Never installs the unversioned Boost (1.74).
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libicu-dev libstemmer-dev libfaiss-dev catch2 zlib1g-dev libzstd-dev liblz4-dev libssl-dev
  curl python3 openssl
  prometheus   # promtool checks the /metrics exposition in the tests
  nats-server libnats-dev   # cluster/: JetStream streams and the node registry; its tests start nats-server
  haproxy   # the deploy/ load balancer config is checked with haproxy -c
  chromium chromium-driver python3-selenium   # the web console's test drives a headless browser
  python3-yaml   # the build converts openapi.yaml to the JSON served at GET /openapi.json
  python3-jsonschema   # tests/openapi/ checks the e2e traffic against openapi.yaml
  nodejs   # tests/openapi/: redocly lint and the generated TypeScript client (npm: scripts/setup_npm.sh)
)
if [ "${BRAID_SETUP_PEERS:-0}" = 1 ]; then
  packages+=(libxapian-dev python3-xapian python3-faiss python3-hnswlib python3-numpy wrk hyperfine)
fi
if [ "${BRAID_SETUP_FUZZ:-0}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if [ ${#missing[@]} -ne 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's nodejs comes without npm (a package of its own); NodeSource's nodejs includes it.
if ! command -v npm >/dev/null; then
  echo "setup: installing npm" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
"$(dirname "$0")/setup_npm.sh"
