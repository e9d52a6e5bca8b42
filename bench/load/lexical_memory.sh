#!/usr/bin/env bash
# Memory of the lexical index on SciFact, text only (issue 12): indexes title + text (no
# vectors), starts `braid serve` on the snapshot and prints the engine's own accounting
# (postings, terms, memory_bytes), RSS after load, bytes per document of each, and the size of
# the snapshot on disk. Run it with two binaries in one window to compare them:
#   BRAID=build/braid bench/load/lexical_memory.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

THREADS=1
NO_VECTOR=1
index_scifact
snapshot_bytes="$(du -sb "$WORK/data" | cut -f1)"
start_server
stats="$(curl -sS "$URL/collections/scifact")"
rss="$(rss_kb "$SERVER_PID")"
python3 - "$stats" "$rss" "$snapshot_bytes" <<'PY'
import json, sys
stats = json.loads(sys.argv[1])["stats"]
rss = int(sys.argv[2]) * 1024
snapshot = int(sys.argv[3])
docs = stats["documents"]
print(f"documents {docs}, terms {stats['terms']}, postings {stats['postings']}")
print(f"engine memory_bytes {stats['memory_bytes']} = {stats['memory_bytes'] / docs:.0f} bytes/document")
print(f"RSS after load {rss} = {rss / docs:.0f} bytes/document")
print(f"data dir (snapshot) {snapshot} bytes = {snapshot / docs:.0f} bytes/document")
PY
