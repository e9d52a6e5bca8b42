#!/usr/bin/env python3
"""nDCG@10 and Recall@100 of a running braid server over HTTP, on a BEIR-style folder.

    bench/eval_http.py --url http://127.0.0.1:7700 --collection scifact \
        --beir /work/shared/datasets/scifact --query-vectors queries.lsa256.jsonl

Runs lexical, dense (when vectors are given), hybrid RRF (k=60, window 100) and hybrid linear
(alpha 0.7, minmax, window 100), each request with k=100, and prints one line per setting.
Standard library only; nDCG as pytrec_eval computes it (graded gains, log2 discount).
"""
import argparse
import http.client
import json
import math
import os
import sys
import time
import urllib.parse


def load_qrels(path):
    qrels = {}
    with open(path) as f:
        next(f)
        for line in f:
            q, d, s = line.rstrip("\n").split("\t")
            if int(s) > 0:
                qrels.setdefault(q, {})[d] = int(s)
    return qrels


def load_queries(path):
    out = {}
    with open(path) as f:
        for line in f:
            o = json.loads(line)
            out[o["_id"]] = o
    return out


def ndcg_at(ranked, rel, k=10):
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked, rel, k=100):
    return len(set(ranked[:k]) & set(rel)) / len(rel) if rel else 0.0


class Client:
    def __init__(self, url, api_key=None):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)
        self.headers = {"Content-Type": "application/json"}
        if api_key:
            self.headers["Authorization"] = "Bearer " + api_key

    def post(self, path, body):
        self.conn.request("POST", path, body=json.dumps(body), headers=self.headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 200:
            sys.exit(f"POST {path}: HTTP {r.status}: {data[:300]!r}")
        return json.loads(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:7700")
    ap.add_argument("--collection", default="scifact")
    ap.add_argument("--beir", required=True)
    ap.add_argument("--query-vectors", help="JSONL with _id and embedding, relative to --beir")
    ap.add_argument("--api-key", default=os.environ.get("BRAID_API_KEY"))
    args = ap.parse_args()

    qrels = load_qrels(os.path.join(args.beir, "qrels", "test.tsv"))
    queries = load_queries(os.path.join(args.beir, "queries.jsonl"))
    vectors = load_queries(os.path.join(args.beir, args.query_vectors)) if args.query_vectors else {}
    ids = [q for q in qrels if q in queries]
    client = Client(args.url, args.api_key)
    path = f"/collections/{args.collection}/search"

    settings = [("lexical", lambda q: {"query": queries[q]["text"]})]
    if vectors:
        settings += [
            ("dense", lambda q: {"vector": vectors[q]["embedding"]}),
            ("hybrid rrf k=60 window=100", lambda q: {
                "query": queries[q]["text"], "vector": vectors[q]["embedding"],
                "fusion": {"method": "rrf", "k": 60, "window": 100}}),
            ("hybrid linear alpha=0.7 minmax window=100", lambda q: {
                "query": queries[q]["text"], "vector": vectors[q]["embedding"],
                "fusion": {"method": "linear", "alpha": 0.7, "normalization": "minmax", "window": 100}}),
        ]
    print(f"{len(ids)} queries with judgments, server {args.url}, collection {args.collection}")
    for name, make in settings:
        ndcg = recall = 0.0
        t0 = time.perf_counter()
        for q in ids:
            body = make(q)
            body["k"] = 100
            hits = client.post(path, body)["hits"]
            ranked = [h["id"] for h in hits]
            ndcg += ndcg_at(ranked, qrels[q])
            recall += recall_at(ranked, qrels[q])
        secs = time.perf_counter() - t0
        print(f"{name:45s} nDCG@10 {ndcg / len(ids):.4f}  Recall@100 {recall / len(ids):.4f}"
              f"  ({secs / len(ids) * 1000:.2f} ms/query incl. client)")


if __name__ == "__main__":
    main()
