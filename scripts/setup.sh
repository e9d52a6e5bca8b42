#!/usr/bin/env bash
# Installs the Debian bookworm packages braid needs to build, test and benchmark. Idempotent:
# runs apt-get update only when something is missing. Never installs the unversioned Boost (1.74).
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libicu-dev libstemmer-dev libfaiss-dev catch2 zlib1g-dev libssl-dev
  curl python3 openssl
  prometheus   # promtool checks the /metrics exposition in the tests
  nats-server libnats-dev   # cluster/: JetStream streams and the node registry; its tests start nats-server
  haproxy   # the deploy/ load balancer config is checked with haproxy -c
  chromium chromium-driver python3-selenium   # the web console's test drives a headless browser
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
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
