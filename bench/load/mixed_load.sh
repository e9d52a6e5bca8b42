#!/usr/bin/env bash
# Issue 6 load test: ROUNDS times 60 s of wrk at 256 connections on hybrid search while a writer
# POSTs NDJSON bulks of 500 documents the whole time (replacing documents the collection holds, so
# its size stays the same). Records per round wrk requests/s, p99, non-2xx and socket errors, the
# writer's successes and failures, and the server's RSS (VmRSS) and own accounting (memory_bytes)
# before, at peak, at the end of the load and 10 s after. Then it restarts the server on the same
# data: the RSS of a fresh process holding what the loaded one holds is the level to come back to.
# Fails on a failed request, a dead server, RSS 10 s after the last round above 2x that level, or
# above 1.25x the RSS 10 s after the first round (memory that keeps growing round after round).
# (What stays above the level: dead postings and vectors awaiting compaction, bounded caches, and
# heap fragmentation the allocator cannot return; it does not grow from round to round.)
#   usage: BRAID=build/braid bench/load/mixed_load.sh
#          (ROUNDS=2 DURATION=60s CONNECTIONS=256 WRK_THREADS=2 WRITER=1 RELEASE_MEMORY_EVERY_MS=...)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROUNDS="${ROUNDS:-2}"
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

engine_kb() {
    curl -s "$URL/collections/scifact" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["memory_bytes"] // 1024)' 2>/dev/null || echo "?"
}
failures=()
report=()
rss_before=$(rss_kb "$SERVER_PID")
report+=("RSS before: ${rss_before} kB (engine memory_bytes $(engine_kb) kB)")
previous_after=""
first_after=""
for round in $(seq 1 "$ROUNDS"); do
    rm -f "$WORK/stop-sampler" "$WORK/stop-writer" "$WORK/peak"
    # RSS sampler: the peak over the round.
    ( peak=0; while [ ! -e "$WORK/stop-sampler" ]; do r=$(rss_kb "$SERVER_PID"); [ "$r" -gt "$peak" ] && peak=$r; echo "$peak" > "$WORK/peak"; sleep 0.2; done ) &
    sampler=$!
    if [ "${WRITER:-1}" = 1 ]; then
        python3 "$LOAD_DIR/bulk_writer.py" "$URL" "$DATASET/corpus.lsa256.jsonl" "$WORK/stop-writer" 500 5000 \
            > "$WORK/writer.out" 2> "$WORK/writer.err" &
        writer=$!
    else  # WRITER=0: searches only, to tell what the writes add (memory, latency)
        ( echo "WRITER disabled bulks_failed=0 network_errors=0" ) > "$WORK/writer.out" &
        writer=$!
    fi
    echo "== round $round: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency -s hybrid_search.lua $URL (+ bulk writer)" >&2
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency \
        -s "$LOAD_DIR/hybrid_search.lua" "$URL" > "$WORK/mixed.wrk"
    touch "$WORK/stop-writer"
    wait "$writer" || true
    rss_end=$(rss_kb "$SERVER_PID")
    sleep 10
    rss_after=$(rss_kb "$SERVER_PID")
    touch "$WORK/stop-sampler"
    wait "$sampler" || true
    report+=("round $round: $(grep '^RESULT' "$WORK/mixed.wrk" | sed 's/^RESULT/search/')")
    report+=("round $round: $(cat "$WORK/writer.out")")
    [ -s "$WORK/writer.err" ] && report+=("round $round: writer stderr: $(head -3 "$WORK/writer.err" | tr '\n' ' ')")
    report+=("round $round: RSS peak $(cat "$WORK/peak") kB, at end of load ${rss_end} kB, 10 s after ${rss_after} kB (engine memory_bytes $(engine_kb) kB)")
    grep -q 'Non-2xx or 3xx responses' "$WORK/mixed.wrk" && failures+=("round $round: wrk saw non-2xx responses")
    grep -q 'Socket errors' "$WORK/mixed.wrk" && failures+=("round $round: wrk saw socket errors: $(grep 'Socket errors' "$WORK/mixed.wrk")")
    grep -q 'bulks_failed=0 network_errors=0' "$WORK/writer.out" || failures+=("round $round: writer saw failures")
    [ -z "$first_after" ] && first_after=$rss_after
    previous_after=$rss_after
done

alive=dead
health=$(curl -s -o /dev/null -w '%{http_code}' "$URL/health" || true)
kill -0 "$SERVER_PID" 2>/dev/null && [ "$health" = 200 ] && alive=alive
count=$(curl -s "$URL/collections" | python3 -c 'import json,sys; print([c["documents"] for c in json.load(sys.stdin)["collections"] if c["name"]=="scifact"][0])' || echo "?")
[ "$alive" = alive ] || failures+=("server not alive")

# The level: a fresh process on the same data (snapshot written at the graceful stop).
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
start_server
check_search 2>/dev/null
sleep 3
rss_level=$(rss_kb "$SERVER_PID")
report+=("restarted on the same data: RSS ${rss_level} kB (engine memory_bytes $(engine_kb) kB)")
report+=("RSS 10 s after the last round / level of the same data: $(python3 -c "print(round($previous_after / $rss_level, 2))")")
if [ "$previous_after" -gt $((rss_level * 2)) ]; then
    failures+=("RSS after the load ${previous_after} kB is above 2x the level of the same data (${rss_level} kB)")
fi
if [ "$previous_after" -gt $((first_after * 5 / 4)) ]; then
    failures+=("RSS after the last round ${previous_after} kB is above 1.25x the RSS after the first (${first_after} kB)")
fi

echo
printf '%s\n' "${report[@]}"
echo "server: $alive after the load (GET /health $health), scifact documents $count"
if [ "${#failures[@]}" -gt 0 ]; then
    printf 'FAIL: %s\n' "${failures[@]}"
    exit 1
fi
echo "OK"
