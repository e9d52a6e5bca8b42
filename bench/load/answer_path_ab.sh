#!/usr/bin/env bash
# answer_path.sh's measurement for several braid binaries in one window, interleaved, so a change
# is compared before/after on the same (shared, noisy) machine: each round starts every binary in
# turn (pinned to core $SERVER_CORE, one thread) on the same indexed SciFact and runs /health,
# lexical, dense and hybrid with wrk on the other core; prints each binary's median req/s per mode
# over the rounds, its ratio to its own /health, and the server's CPU time per request (user +
# system, from /proc: less sensitive to the neighbours than req/s).
# On a machine others are using, NICE=-19 (root) gives the server and wrk most of their cores, so
# the figures measure braid rather than the neighbours' builds (with autogroup scheduling the
# nice value must be the session's: the script runs itself under setsid and sets its autogroup).
#   usage: bench/load/answer_path_ab.sh BRAID_BEFORE BRAID_AFTER [...]   (ROUNDS=3 DURATION=10s NICE=0)
[ $# -ge 1 ] || { echo "usage: $0 BRAID [BRAID...]" >&2; exit 1; }
if [ "${NICE:-0}" != 0 ] && [ -z "${ANSWER_PATH_AB_SESSION:-}" ]; then
    ANSWER_PATH_AB_SESSION=1 exec setsid -w "$0" "$@"
fi
[ "${NICE:-0}" != 0 ] && [ -w /proc/self/autogroup ] && echo "$NICE" > /proc/self/autogroup
BRAID="$1"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
SERVER_CORE="${SERVER_CORE:-1}"
LOAD_CORE="${LOAD_CORE:-0}"
THREADS=1
MODES="${MODES:-health lexical dense hybrid}"
NICE="${NICE:-0}"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # the server's user + system CPU time

index_scifact
for mode in lexical dense hybrid; do
    python3 "$LOAD_DIR/make_bodies.py" "$DATASET/queries.lsa256.jsonl" "$WORK/$mode.lua" 10 100 "$mode" 2>/dev/null
done
: > "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    for binary in "$@"; do
        printf '#!/bin/sh\nexec nice -n %s taskset -c %s "%s" "$@"\n' "$NICE" "$SERVER_CORE" "$(realpath "$binary")" > "$WORK/pinned"
        chmod +x "$WORK/pinned"
        BRAID="$WORK/pinned"
        start_server
        check_search
        echo "== round $round, $binary, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
        for mode in $MODES; do
            script="$LOAD_DIR/hybrid_search.lua"; bodies="$WORK/$mode.lua"
            [ "$mode" = health ] && { script="$LOAD_DIR/health.lua"; bodies=""; }
            before="$(cpu_ticks "$SERVER_PID")"
            result="$(BRAID_BODIES="$bodies" nice -n "$NICE" taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$script" "$URL" | grep '^RESULT')"
            ticks=$(( $(cpu_ticks "$SERVER_PID") - before ))
            requests="$(sed 's/.* requests=\([0-9]*\) .*/\1/' <<<"$result")"
            rps="$(sed 's/.* rps=\([0-9.]*\) .*/\1/' <<<"$result")"
            cpu_us="$(python3 -c "print(f'{$ticks * 1e6 / $(getconf CLK_TCK) / max(1, $requests):.1f}')")"
            echo "   $mode $rps req/s, server CPU $cpu_us us/request ($(sed 's/.*\(non2xx=[0-9]*\).*/\1/' <<<"$result"))" >&2
            echo "$binary $mode $rps $cpu_us" >> "$WORK/results"
        done
        kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    done
done
python3 - "$WORK/results" "$@" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
binaries = sys.argv[2:]
modes = list(dict.fromkeys(r[1] for r in rows))
def median(b, m, column):
    return statistics.median(float(r[column]) for r in rows if r[0] == b and r[1] == m)
print("median over the rounds: req/s (% of the same binary's /health), server CPU us per request")
for b in binaries:
    cells = []
    for m in modes:
        cell = f"{m} {median(b, m, 2):,.0f}"
        if m != "health" and "health" in modes: cell += f" ({100 * median(b, m, 2) / median(b, 'health', 2):.1f}%)"
        cells.append(cell + f" {median(b, m, 3):.0f} us")
    print(f"{b}:\n    " + "; ".join(cells))
PY
