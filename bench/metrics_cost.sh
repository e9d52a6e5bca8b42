#!/usr/bin/env bash
# What recording metrics costs (issue 15: at most 2% of lexical req/s). SciFact lexical searches
# (each test query's text, k=10) against `braid serve` pinned to one core (taskset, one I/O
# thread), wrk pinned to another, alternating rounds with metrics recorded (the default) and with
# BRAID_METRICS=off (nothing recorded, no /metrics). Prints each round and the ratio of medians.
#   usage: BRAID=build/braid bench/metrics_cost.sh   (ROUNDS=5 DURATION=10s CONNECTIONS=8
#          SERVER_CPU=0 WRK_CPU=1)
source "$(dirname "${BASH_SOURCE[0]}")/load/common.sh"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-8}"
SERVER_CPU="${SERVER_CPU:-0}"
WRK_CPU="${WRK_CPU:-1}"
THREADS=1
command -v taskset >/dev/null || { echo "taskset is not installed (util-linux)" >&2; exit 1; }

index_scifact
export BRAID_BODIES="$WORK/lexical_bodies.lua"
python3 - "$DATASET/queries.jsonl" "$BRAID_BODIES" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as queries, open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("return {\n")
    for line in queries:
        body = json.dumps({"query": json.loads(line)["text"], "k": 10}, separators=(",", ":"))
        out.write('"' + body.replace("\\", "\\\\").replace('"', '\\"') + '",\n')
    out.write("}\n")
PY

serve_pinned() {  # serve_pinned on|off: starts the server; sets SERVER_PID and URL
    : >"$WORK/serve.out"
    BRAID_METRICS="$1" taskset -c "$SERVER_CPU" "$BRAID" serve --config "$WORK/braid.json" \
        >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        if grep -q "braid listening on http://" "$WORK/serve.out"; then
            URL="$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -1)"
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 1; }
        sleep 0.1
    done
    echo "server did not start" >&2
    exit 1
}

stop_server() {
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
    SERVER_PID=""
}

round() {  # round on|off: prints the req/s
    serve_pinned "$1"
    local metrics_status
    metrics_status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/metrics")
    if { [ "$1" = on ] && [ "$metrics_status" != 200 ]; } || { [ "$1" = off ] && [ "$metrics_status" != 404 ]; }; then
        echo "metrics $1 but GET /metrics answered $metrics_status" >&2
        exit 1
    fi
    # warm up (page cache, allocator), then measure
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d2s -s "$LOAD_DIR/hybrid_search.lua" "$URL" >/dev/null
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LOAD_DIR/hybrid_search.lua" "$URL" \
        >"$WORK/wrk.out"
    stop_server
    grep '^RESULT' "$WORK/wrk.out" | tr ' ' '\n' | awk -F= '$1=="rps" {print $2}'
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server on cpu $SERVER_CPU, wrk on cpu $WRK_CPU" >&2
on=() off=()
for r in $(seq 1 "$ROUNDS"); do
    # alternate which goes first, so a drift in the machine's load hits both alike
    if [ $((r % 2)) = 1 ]; then order="on off"; else order="off on"; fi
    for mode in $order; do
        rps=$(round "$mode")
        echo "round $r metrics $mode: $rps req/s" >&2
        if [ "$mode" = on ]; then on+=("$rps"); else off+=("$rps"); fi
    done
done
python3 - "${on[*]}" "${off[*]}" <<'PY'
import statistics, sys
on = [float(x) for x in sys.argv[1].split()]
off = [float(x) for x in sys.argv[2].split()]
m_on, m_off = statistics.median(on), statistics.median(off)
print(f"lexical k=10, metrics on:  median {m_on:9.1f} req/s  ({', '.join(f'{x:.0f}' for x in on)})")
print(f"lexical k=10, metrics off: median {m_off:9.1f} req/s  ({', '.join(f'{x:.0f}' for x in off)})")
print(f"on / off: {m_on / m_off:.4f}  (cost {100 * (1 - m_on / m_off):+.2f}%)")
PY
