#pragma once
#include <faiss/IndexHNSW.h>
#include <faiss/impl/HNSW.h>

namespace braid::dense {

// One query through an IndexHNSW's graph on the calling thread. Same result as
// IndexHNSW::search(1, ...), without its OpenMP team per call (a server runs many single-query
// searches side by side) and without allocating a visited table of ntotal bytes per query: each
// thread keeps one and reuses it. Results best first in FAISS conventions (similarity for inner
// product, squared distance for L2); unfilled entries have label -1.
void search_hnsw_graph(const faiss::IndexHNSW& index, const float* query, faiss::Index::idx_t k,
                       const faiss::SearchParametersHNSW& params, float* distances, faiss::Index::idx_t* labels);

}  // namespace braid::dense
