#!/usr/bin/env python3
"""Posts NDJSON bulks of BATCH SciFact documents (with vectors) until STOP_FILE exists.

The documents keep their corpus ids, so every bulk replaces documents the collection already holds:
its size stays the same and memory should level off.
usage: bulk_writer.py URL CORPUS_JSONL STOP_FILE [batch=500] [pool=5000]
Prints one summary line: WRITER bulks_ok=.. bulks_failed=.. docs_indexed=.. docs_failed=.. ...
"""
import http.client
import json
import os
import sys
import time
import urllib.parse


def main() -> None:
    url, corpus_path, stop_file = sys.argv[1], sys.argv[2], sys.argv[3]
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    pool = int(sys.argv[5]) if len(sys.argv) > 5 else 5000
    with open(corpus_path, encoding="utf-8") as corpus:
        docs = [json.loads(line) for _, line in zip(range(pool), corpus)]
    target = urllib.parse.urlsplit(url)
    ok = failed = indexed = doc_failures = errors = 0
    latencies = []
    cursor = 0
    began = time.monotonic()
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    while not os.path.exists(stop_file):
        lines = []
        for _ in range(batch):
            lines.append(json.dumps(docs[cursor % len(docs)]))
            cursor += 1
        body = ("\n".join(lines) + "\n").encode()
        started = time.monotonic()
        try:
            connection.request("POST", "/collections/scifact/documents/_bulk", body,
                               {"Content-Type": "application/x-ndjson"})
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            print(f"writer: at {time.monotonic() - began:.1f} s: {error!r}", file=sys.stderr)
            connection.close()
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            continue
        latencies.append(time.monotonic() - started)
        if response.status == 200:
            report = json.loads(answer)
            indexed += report["indexed"]
            doc_failures += report["failed"]
            if report["failed"] == 0:
                ok += 1
            else:
                failed += 1
        else:
            failed += 1
            print(f"writer: at {time.monotonic() - began:.1f} s: HTTP {response.status}: {answer[:300]!r}",
                  file=sys.stderr)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000 if latencies else 0
    p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0
    print(f"WRITER bulks_ok={ok} bulks_failed={failed} network_errors={errors} docs_indexed={indexed} "
          f"docs_failed={doc_failures} bulk_p50_ms={p50:.1f} bulk_p99_ms={p99:.1f}")


if __name__ == "__main__":
    main()
