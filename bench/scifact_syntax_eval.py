#!/usr/bin/env python3
"""SciFact nDCG@10 of a running braid server's lexical search, with extra request members.

Sends every test query (qrels/test.tsv) of a BEIR folder to POST /collections/NAME/search with
k=10 and the members given as JSON (e.g. '{"syntax": "simple"}'), and computes nDCG@10 as
trec_eval's ndcg_cut_10 (gain = relevance, log2 discount, ideal from the qrels). Queries the
server refuses (400) are counted and scored 0.

    bench/scifact_syntax_eval.py --url http://127.0.0.1:7700 --collection scifact \
        --beir ../shared/datasets/scifact --members '{"syntax": "simple"}'
"""
import argparse
import json
import math
import urllib.error
import urllib.request


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--collection", required=True)
    ap.add_argument("--beir", required=True)
    ap.add_argument("--members", default="{}")
    args = ap.parse_args()
    members = json.loads(args.members)
    qrels = {}
    with open(f"{args.beir}/qrels/test.tsv") as f:
        next(f)
        for line in f:
            q, d, r = line.rstrip("\n").split("\t")
            if int(r) > 0:
                qrels.setdefault(q, {})[d] = int(r)
    queries = {}
    with open(f"{args.beir}/queries.jsonl") as f:
        for line in f:
            o = json.loads(line)
            queries[o["_id"]] = o["text"]
    total, refused, n = 0.0, [], 0
    for qid, rels in sorted(qrels.items()):
        body = dict(members, query=queries[qid], k=10)
        req = urllib.request.Request(f"{args.url}/collections/{args.collection}/search", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
        n += 1
        try:
            hits = json.load(urllib.request.urlopen(req))["hits"]
        except urllib.error.HTTPError as e:
            refused.append((qid, json.load(e)["error"]["message"]))
            continue
        dcg = sum(rels.get(h["id"], 0) / math.log2(i + 2) for i, h in enumerate(hits[:10]))
        ideal = sorted(rels.values(), reverse=True)[:10]
        idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
        total += dcg / idcg
    print(json.dumps({"queries": n, "refused": len(refused), "ndcg_at_10": round(total / n, 4),
                      "members": members, "refused_examples": refused[:5]}))


if __name__ == "__main__":
    main()
