#!/usr/bin/env bash
# Issue 6 load test: 60 s of wrk at 256 connections on hybrid search while a writer POSTs NDJSON
# bulks of 500 documents the whole time. Records wrk requests/s, p99, non-2xx and socket errors,
# the writer's successes and failures, that the server is still alive, and its RSS (VmRSS) before,
# at peak and 10 s after.
#   usage: BRAID=build/braid bench/load/mixed_load.sh   (DURATION=60s CONNECTIONS=256 WRK_THREADS=2 WRITER=1)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION="${DURATION:-60s}"
CONNECTIONS="${CONNECTIONS:-256}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_TIMEOUT="${WRK_TIMEOUT:-10s}"

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((CONNECTIONS * 2 + 64)) ] || { echo "ulimit -n $(ulimit -n) is too low for $CONNECTIONS connections" >&2; exit 1; }

index_scifact
start_server
make_bodies
check_search
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ulimit -n $(ulimit -n)" >&2

rss_before=$(rss_kb "$SERVER_PID")
# RSS sampler: the peak over the whole run.
( peak=0; while [ ! -e "$WORK/stop-sampler" ]; do r=$(rss_kb "$SERVER_PID"); [ "$r" -gt "$peak" ] && peak=$r; echo "$peak" > "$WORK/peak"; sleep 0.2; done ) &
sampler=$!

if [ "${WRITER:-1}" = 1 ]; then
    python3 "$LOAD_DIR/bulk_writer.py" "$URL" "$DATASET/corpus.lsa256.jsonl" "$WORK/stop-writer" 500 5000 \
        > "$WORK/writer.out" 2> "$WORK/writer.err" &
    writer=$!
else  # WRITER=0: searches only, to tell what the writes add (memory, latency)
    ( sleep 0; echo "WRITER disabled bulks_failed=0 network_errors=0" ) > "$WORK/writer.out" &
    writer=$!
fi

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency -s hybrid_search.lua $URL (+ bulk writer)" >&2
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency \
    -s "$LOAD_DIR/hybrid_search.lua" "$URL" | tee "$WORK/mixed.wrk" >&2

touch "$WORK/stop-writer"
wait "$writer" || true
rss_end=$(rss_kb "$SERVER_PID")
sleep 10
rss_after=$(rss_kb "$SERVER_PID")
touch "$WORK/stop-sampler"
wait "$sampler" || true
rss_peak=$(cat "$WORK/peak")

alive=dead
health=$(curl -s -o /dev/null -w '%{http_code}' "$URL/health" || true)
kill -0 "$SERVER_PID" 2>/dev/null && [ "$health" = 200 ] && alive=alive
count=$(curl -s "$URL/collections" | python3 -c 'import json,sys; print([c["documents"] for c in json.load(sys.stdin)["collections"] if c["name"]=="scifact"][0])' || echo "?")

echo
grep '^RESULT' "$WORK/mixed.wrk" | sed 's/^RESULT/search/'
cat "$WORK/writer.out"
[ -s "$WORK/writer.err" ] && { echo "writer stderr (first lines):"; head -5 "$WORK/writer.err"; }
echo "server: $alive (GET /health $health), scifact documents $count"
echo "RSS: before ${rss_before} kB, peak ${rss_peak} kB, at end of load ${rss_end} kB, 10 s after ${rss_after} kB"
grep -q 'Non-2xx or 3xx responses' "$WORK/mixed.wrk" && echo "FAIL: wrk saw non-2xx responses" && exit 1
[ "$alive" = alive ] || { echo "FAIL: server not alive"; exit 1; }
grep -q 'bulks_failed=0 network_errors=0' "$WORK/writer.out" || { echo "FAIL: writer saw failures"; exit 1; }
echo "OK"
