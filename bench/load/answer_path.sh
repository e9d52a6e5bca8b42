#!/usr/bin/env bash
# The answer path on one core (issue 12): `braid serve` pinned to core $SERVER_CORE with one
# thread, wrk pinned to the other core, full SciFact with 256-d vectors, the 300 test queries
# rotating, k=10. Prints req/s, p50/p99 of GET /health, lexical, dense (ef_search 100) and hybrid
# RRF searches, each mode's throughput as a fraction of /health, the answer size of one k=10
# search per mode, and bytes per document (RSS after load / documents).
#   usage: BRAID=build/braid bench/load/answer_path.sh   (DURATION=15s CONNECTIONS=16)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-16}"
SERVER_CORE="${SERVER_CORE:-1}"
LOAD_CORE="${LOAD_CORE:-0}"
THREADS=1
command -v taskset >/dev/null || { echo "taskset is not installed" >&2; exit 1; }

index_scifact
BRAID_REAL="$BRAID"
BRAID="$WORK/pinned-braid"
printf '#!/bin/sh\nexec taskset -c %s "%s" "$@"\n' "$SERVER_CORE" "$BRAID_REAL" > "$BRAID"
chmod +x "$BRAID"
start_server
check_search
documents="$(curl -sS "$URL/collections/scifact" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["documents"])')"
rss="$(rss_kb "$SERVER_PID")"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for mode in lexical dense hybrid; do
    python3 "$LOAD_DIR/make_bodies.py" "$DATASET/queries.lsa256.jsonl" "$WORK/$mode.lua" 10 100 "$mode"
done

run() {  # name script [bodies]
    echo "== $1: taskset -c $LOAD_CORE wrk -t1 -c$CONNECTIONS -d$DURATION --latency -s $2 $URL" >&2
    BRAID_BODIES="${3:-}" taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$URL" \
        | tee "$WORK/$1.wrk" >&2
    grep '^RESULT' "$WORK/$1.wrk" | sed "s/^RESULT/$1/"
}

answer_bytes() {  # mode: size of the answer to the first query's body
    python3 - "$WORK/$1.lua" <<'PY' | curl -sS -o /dev/null -w '%{size_download}' -H 'Content-Type: application/json' --data-binary @- "$URL/collections/scifact/search"
import sys
line = open(sys.argv[1]).read().split("\n")[1]
body = line.strip().rstrip(",")[1:-1].replace('\\"', '"').replace("\\\\", "\\")
print(body)
PY
}

results=("$(run health "$LOAD_DIR/health.lua")")
for mode in lexical dense hybrid; do
    results+=("$(run "$mode" "$LOAD_DIR/hybrid_search.lua" "$WORK/$mode.lua")")
done
sizes="lexical=$(answer_bytes lexical) dense=$(answer_bytes dense) hybrid=$(answer_bytes hybrid)"
[ "$(kill -0 "$SERVER_PID" 2>/dev/null && echo alive)" = alive ] || { echo "server died" >&2; exit 1; }

echo
printf '%s\n' "${results[@]}"
python3 - "$documents" "$rss" "$sizes" "$DATASET/corpus.lsa256.jsonl" "${results[@]}" <<'PY'
import os, sys
documents, rss_kb, sizes, corpus = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in sys.argv[5:]:
    name, *kv = line.split()
    rows[name] = dict(x.split("=") for x in kv)
health = float(rows["health"]["rps"])
targets = {"lexical": 0.09, "dense": 0.04, "hybrid": 0.035}
print(f"{'':10} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'/health':>8} {'target':>7}")
for name, row in rows.items():
    rps = float(row["rps"])
    ratio = f"{rps / health:8.3f}" if name != "health" else f"{'':8}"
    target = f"{targets[name]:7.3f}" if name in targets else ""
    print(f"{name:10} {rps:10.1f} {float(row['p50_ms']):8.3f} {float(row['p99_ms']):8.3f} {ratio} {target}"
          f"  non2xx {row['non2xx']}")
print(f"answer bytes (k=10, first query): {sizes}")
raw = os.path.getsize(corpus)
print(f"documents {documents}, RSS after load {rss_kb} kB = {rss_kb * 1024 / documents:.0f} bytes/document"
      f" (raw JSON {raw / documents:.0f} bytes/document)")
PY
