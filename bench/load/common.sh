# Shared by the load scripts (sourced): index SciFact with vectors (NO_VECTOR=1: title and text
# only) into a temporary folder, start and stop `braid serve`. Expects BRAID (default
# <repo>/build/braid) and builds nothing.
set -euo pipefail

LOAD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$LOAD_DIR/../.." && pwd)"
BRAID="${BRAID:-$REPO/build/braid}"
DATASET="${DATASET:-$REPO/../shared/datasets/scifact}"
THREADS="${THREADS:-0}"
export BRAID_LOAD_DIR="$LOAD_DIR"

[ -x "$BRAID" ] || { echo "no braid binary at $BRAID (build it, or set BRAID=...)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 1; }

WORK="$(mktemp -d /tmp/braid-load.XXXXXX)"
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

write_config() {
    local release_memory=""  # RELEASE_MEMORY_EVERY_MS=0 turns the memory reclaimer off
    [ -n "${RELEASE_MEMORY_EVERY_MS:-}" ] && release_memory=", \"release_memory_every_ms\": $RELEASE_MEMORY_EVERY_MS"
    local vector="" corpus="$DATASET/corpus.lsa256.jsonl"
    if [ -n "${NO_VECTOR:-}" ]; then
        corpus="$DATASET/corpus.jsonl"
    else
        vector='
    "vector": {"field": "embedding", "dimension": 256, "metric": "cosine",
               "index": {"type": "hnsw", "m": 32, "ef_construction": 200, "ef_search": 100}},'
    fi
    cat > "$WORK/braid.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0, "data_dir": "$WORK/data", "threads": $THREADS,
             "max_body_bytes": 67108864, "max_k": 1000$release_memory},
  "analyzers": {
    "en": {"tokenizer": "icu", "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "english"}]}
  },
  "collections": [{
    "name": "scifact",
    "id_field": "_id",
    "fields": {"title": {"type": "text", "analyzer": "en"}, "text": {"type": "text", "analyzer": "en"}},$vector
    "bm25": {"k1": 0.9, "b": 0.4},
    "sources": [{"path": "$corpus"}]
  }]
}
JSON
}

index_scifact() {
    write_config
    if [ -n "${NO_VECTOR:-}" ]; then
        echo "== indexing SciFact, text only ($DATASET/corpus.jsonl)" >&2
    else
        echo "== indexing SciFact with 256-d vectors ($DATASET/corpus.lsa256.jsonl)" >&2
    fi
    local started=$SECONDS
    "$BRAID" index --config "$WORK/braid.json" >&2
    echo "   indexed in $((SECONDS - started)) s" >&2
}

# Starts the server; sets SERVER_PID and URL.
start_server() {
    "$BRAID" serve --config "$WORK/braid.json" > "$WORK/serve.out" 2> "$WORK/serve.err" &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        if grep -q "braid listening on http://" "$WORK/serve.out" 2>/dev/null; then
            URL="$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -1)"
            echo "== braid serve (pid $SERVER_PID) at $URL" >&2
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; echo "server died" >&2; exit 1; }
        sleep 0.1
    done
    echo "server did not start" >&2
    exit 1
}

make_bodies() {
    export BRAID_BODIES="$WORK/bodies.lua"
    python3 "$LOAD_DIR/make_bodies.py" "$DATASET/queries.lsa256.jsonl" "$BRAID_BODIES" 10 100
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# A hybrid body answered 200 with hits, before any measuring.
check_search() {
    local body
    body="$(python3 - "$DATASET/queries.lsa256.jsonl" <<'PY'
import json, sys
q = json.loads(open(sys.argv[1]).readline())
print(json.dumps({"query": q["text"], "vector": q["embedding"], "k": 10,
                  "fusion": {"method": "rrf", "k": 60, "window": 100}}))
PY
)"
    local answer
    answer="$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$URL/collections/scifact/search")"
    [ "$(tail -1 <<<"$answer")" = 200 ] || { echo "search check failed: $answer" >&2; exit 1; }
    python3 -c 'import json,sys; h=json.loads(sys.argv[1])["hits"]; assert len(h)==10, h; print("   search check: 10 hybrid hits, top", h[0]["id"])' "$(head -n -1 <<<"$answer")" >&2
}
