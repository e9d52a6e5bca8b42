#!/usr/bin/env bash
# Hybrid search throughput over HTTP on SciFact (issue 4): wrk -t2 -c32 -d30s --latency POSTing
# rrf(k=60, window=100) k=10 searches (text + 256-d vector of the 300 test queries, rotating),
# then GET /health on the same server as the HTTP floor.
#   usage: BRAID=build/braid bench/load/hybrid_wrk.sh   (DURATION=30s CONNECTIONS=32 WRK_THREADS=2)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-32}"
WRK_THREADS="${WRK_THREADS:-2}"

index_scifact
start_server
make_bodies
check_search
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

run() {  # name script
    echo "== $1: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency -s $2 $URL" >&2
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$URL" | tee "$WORK/$1.wrk" >&2
    grep '^RESULT' "$WORK/$1.wrk" | sed "s/^RESULT/$1/"
}

hybrid="$(run hybrid "$LOAD_DIR/hybrid_search.lua")"
health="$(run health "$LOAD_DIR/health.lua")"
echo
echo "$hybrid"
echo "$health"
python3 - "$hybrid" "$health" <<'PY'
import sys
def fields(line):
    return dict(kv.split("=") for kv in line.split()[1:])
h, f = fields(sys.argv[1]), fields(sys.argv[2])
print(f"hybrid search: {float(h['rps']):9.1f} req/s  p50 {h['p50_ms']} ms  p99 {h['p99_ms']} ms  non-2xx {h['non2xx']}")
print(f"GET /health:   {float(f['rps']):9.1f} req/s  p50 {f['p50_ms']} ms  p99 {f['p99_ms']} ms  non-2xx {f['non2xx']}")
print(f"hybrid / health throughput: {float(h['rps']) / float(f['rps']):.3f}")
PY
[ "$(kill -0 "$SERVER_PID" 2>/dev/null && echo alive)" = alive ] || { echo "server died" >&2; exit 1; }
