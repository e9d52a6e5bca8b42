#!/usr/bin/env bash
# What recording metrics costs (issue 15: at most 2% of lexical req/s). SciFact lexical searches
# (each test query's text, k=10) against `braid serve` pinned to one core (taskset, one I/O
# thread), wrk pinned to another, alternating rounds with metrics recorded (the default) and with
# BRAID_METRICS=off (nothing recorded, no /metrics). Prints each round and the ratio of medians,
# of req/s and of the server's CPU time per request (utime + stime from /proc over the measured
# run): on a machine shared with other work the CPU time is the steadier of the two.
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

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

round() {  # round on|off: prints "req/s cpu-µs-per-request"
    serve_pinned "$1"
    local metrics_status
    metrics_status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/metrics")
    if { [ "$1" = on ] && [ "$metrics_status" != 200 ]; } || { [ "$1" = off ] && [ "$metrics_status" != 404 ]; }; then
        echo "metrics $1 but GET /metrics answered $metrics_status" >&2
        exit 1
    fi
    # warm up (page cache, allocator), then measure
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d2s -s "$LOAD_DIR/hybrid_search.lua" "$URL" >/dev/null
    local ticks_before ticks_after
    ticks_before=$(cpu_ticks "$SERVER_PID")
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LOAD_DIR/hybrid_search.lua" "$URL" \
        >"$WORK/wrk.out"
    ticks_after=$(cpu_ticks "$SERVER_PID")
    stop_server
    local result
    result=$(grep '^RESULT' "$WORK/wrk.out")
    grep -q ' non2xx=0 ' <<<"$result" || { echo "errors during the run: $result" >&2; exit 1; }
    python3 - "$result" "$ticks_before" "$ticks_after" "$(getconf CLK_TCK)" <<'PY'
import sys
fields = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
ticks = int(sys.argv[3]) - int(sys.argv[2])
print(f"{float(fields['rps']):.1f} {1e6 * ticks / int(sys.argv[4]) / int(fields['requests']):.1f}")
PY
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server on cpu $SERVER_CPU, wrk on cpu $WRK_CPU" >&2
on=() off=()
for r in $(seq 1 "$ROUNDS"); do
    # alternate which goes first, so a drift in the machine's load hits both alike
    if [ $((r % 2)) = 1 ]; then order="on off"; else order="off on"; fi
    for mode in $order; do
        figures=$(round "$mode")
        echo "round $r metrics $mode: ${figures% *} req/s, ${figures#* } CPU µs/request" >&2
        if [ "$mode" = on ]; then on+=("$figures"); else off+=("$figures"); fi
    done
done
python3 - "$(printf '%s\n' "${on[@]}")" "$(printf '%s\n' "${off[@]}")" <<'PY'
import statistics, sys
on = [tuple(map(float, line.split())) for line in sys.argv[1].splitlines()]
off = [tuple(map(float, line.split())) for line in sys.argv[2].splitlines()]
rps_on, rps_off = statistics.median(r for r, _ in on), statistics.median(r for r, _ in off)
cpu_on, cpu_off = statistics.median(c for _, c in on), statistics.median(c for _, c in off)
print(f"lexical k=10, metrics on:  median {rps_on:9.1f} req/s, {cpu_on:7.1f} CPU µs/request")
print(f"lexical k=10, metrics off: median {rps_off:9.1f} req/s, {cpu_off:7.1f} CPU µs/request")
print(f"req/s on / off: {rps_on / rps_off:.4f} (cost {100 * (1 - rps_on / rps_off):+.2f}%)")
print(f"CPU per request on / off: {cpu_on / cpu_off:.4f} (cost {100 * (cpu_on / cpu_off - 1):+.2f}%)")
PY
