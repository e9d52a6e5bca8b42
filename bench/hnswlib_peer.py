#!/usr/bin/python3
"""hnswlib (Debian's python3-hnswlib) as bench_dense's peer: builds an index over the vectors
bench_dense wrote and answers its queries at each ef, in the same run.

  hnswlib_peer.py CORPUS.f32 QUERIES.f32 DIM SPACE M EF_CONSTRUCTION THREADS K REPEATS EF,EF,... OUT

CORPUS and QUERIES are raw little-endian float32 rows. SPACE is "l2" (squared L2) or "ip" (inner
product; bench_dense passes unit rows for cosine). Writes OUT as text:
  build_seconds S cpu_seconds C
  ef E qps Q        (then one line of K ids per query)
Queries run in one knn_query call per pass on one thread (hnswlib's best case: no per-call Python
overhead). The machine is shared, so times are CPU times like bench_dense's: q/s from the calling
thread's CPU time (num_threads=1 runs the queries on it), the build from the process's.
"""
import statistics
import sys
import time

import hnswlib
import numpy as np


def main():
    corpus_path, queries_path, dim, space, m, ef_construction, threads, k, repeats, efs, out_path = sys.argv[1:]
    dim, m, ef_construction, threads, k, repeats = map(int, (dim, m, ef_construction, threads, k, repeats))
    corpus = np.fromfile(corpus_path, dtype=np.float32).reshape(-1, dim)
    queries = np.fromfile(queries_path, dtype=np.float32).reshape(-1, dim)

    index = hnswlib.Index(space=space, dim=dim)
    start = time.perf_counter()
    cpu_start = time.process_time()
    index.init_index(max_elements=len(corpus), M=m, ef_construction=ef_construction, random_seed=100)
    index.add_items(corpus, np.arange(len(corpus)), num_threads=threads)
    build_seconds = time.perf_counter() - start
    build_cpu_seconds = time.process_time() - cpu_start

    with open(out_path, "w") as out:
        out.write(f"build_seconds {build_seconds:.6f} cpu_seconds {build_cpu_seconds:.6f}\n")
        for ef in (int(e) for e in efs.split(",")):
            index.set_ef(max(ef, k))
            rates = []
            labels = None
            for _ in range(repeats):
                start = time.thread_time()
                labels, _ = index.knn_query(queries, k=k, num_threads=1)
                rates.append(len(queries) / (time.thread_time() - start))
            out.write(f"ef {ef} qps {statistics.median(rates):.3f}\n")
            for row in labels:
                out.write(" ".join(str(int(x)) for x in row) + "\n")


if __name__ == "__main__":
    main()
