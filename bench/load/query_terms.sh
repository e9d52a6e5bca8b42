#!/usr/bin/env bash
# Query planning cost by number of query terms (issue 12): one lexical search each with 1,000,
# 4,000 and 16,000 terms that are not in SciFact's dictionary, then as many real words (drawn
# from the corpus), timed by curl (best of 3). The server's term limit is raised to 20,000 so the
# searches run (MAX_QUERY_TERMS=none for a braid that predates server.max_query_terms).
#   usage: BRAID=build/braid bench/load/query_terms.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
MAX_QUERY_TERMS="${MAX_QUERY_TERMS:-20000}"
index_scifact
if [ "$MAX_QUERY_TERMS" != none ]; then
    sed -i "s/\"max_k\": 1000/\"max_k\": 1000, \"max_query_terms\": $MAX_QUERY_TERMS/" "$WORK/braid.json"
fi
start_server
for kind in unknown real; do
    for n in 1000 4000 16000; do
        python3 - "$kind" "$n" "$DATASET/corpus.jsonl" > "$WORK/body.json" <<'PY'
import json, random, re, sys
kind, n, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(n)
if kind == "unknown":
    words = [f"zq{rng.randrange(10**9):09d}x" for _ in range(n)]
else:
    vocabulary = set()
    for line in open(corpus, encoding="utf-8"):
        vocabulary.update(re.findall(r"[a-z]{4,}", json.loads(line)["text"].lower()))
        if len(vocabulary) > 40000:
            break
    vocabulary = sorted(vocabulary)
    words = [rng.choice(vocabulary) for _ in range(n)]
print(json.dumps({"query": " ".join(words), "k": 10}))
PY
        best=""
        for _ in 1 2 3; do
            t="$(curl -sS -o "$WORK/answer.json" -w '%{time_total}' -H 'Content-Type: application/json' \
                --data-binary @"$WORK/body.json" "$URL/collections/scifact/search")"
            status="$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print("error " + a["error"]["type"] if "error" in a else "ok")' "$WORK/answer.json")"
            best="$(python3 -c "import sys; a=[float(x) for x in sys.argv[1:] if x]; print(min(a))" $best "$t")"
        done
        printf '%-8s %6d terms: %8.1f ms (%s)\n' "$kind" "$n" "$(python3 -c "print($best * 1000)")" "$status"
    done
done
