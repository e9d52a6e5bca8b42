#!/usr/bin/env bash
# Sets up, builds, indexes the shipped demo data (1,000 SciFact abstracts with 256-d embeddings),
# serves it on 127.0.0.1:7700, shows a hybrid query with curl, then keeps serving until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BRAID_BUILD_DIR:-build}

./scripts/setup.sh
./scripts/build.sh
"$build/braid" index --config demo/braid.json

if curl -s -o /dev/null "http://127.0.0.1:7700/health"; then
  echo "demo: something already listens on 127.0.0.1:7700; stop it first" >&2
  exit 1
fi
"$build/braid" serve --config demo/braid.json &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true; exit 0; }
trap stop INT TERM

for _ in $(seq 1 200); do
  curl -sf -o /dev/null "http://127.0.0.1:7700/health" && break
  kill -0 "$pid" 2>/dev/null || { echo "demo: braid serve exited" >&2; exit 1; }
  sleep 0.1
done

echo
echo "\$ curl -s -H 'Content-Type: application/json' -d @demo/hybrid-query.json localhost:7700/collections/scifact/search"
# The answer, with the 256 numbers of each document's embedding left out for reading.
curl -s -H 'Content-Type: application/json' -d @demo/hybrid-query.json \
     localhost:7700/collections/scifact/search |
  python3 -c '
import json, sys
answer = json.load(sys.stdin)
for hit in answer.get("hits", []):
    hit["document"].pop("embedding", None)
    text = hit["document"].get("text", "")
    if len(text) > 160:
        hit["document"]["text"] = text[:160] + "..."
print(json.dumps(answer, indent=2, ensure_ascii=False))'

echo
echo "braid is serving the demo on http://127.0.0.1:7700 (Ctrl-C stops it). Try:"
echo "  curl -s localhost:7700/collections/scifact"
echo "  curl -s -H 'Content-Type: application/json' -d '{\"query\":\"statins cholesterol\",\"k\":3}' localhost:7700/collections/scifact/search"
wait "$pid"
