#pragma once
#include <faiss/IndexHNSW.h>
#include <faiss/impl/HNSW.h>

namespace braid::dense {

// One query through an IndexHNSW's graph on the calling thread, with braid's distance kernels.
// Greedy descent through the upper levels, then a best-first search of level 0 keeping the
// params.efSearch (at least k) nearest nodes seen, as the HNSW paper and hnswlib do. FAISS 1.7.3's
// own level-0 search pops its queue by a linear scan (quadratic in ef) and calls a virtual
// distance per neighbour; this walks the same graph and data structures without either, with no
// OpenMP team per call, and reuses one visited table per thread. params.sel filters the results
// only (the walk is the same). Results best first in FAISS conventions (similarity for inner
// product, squared distance for L2); unfilled entries have label -1.
void search_hnsw_graph(const faiss::IndexHNSW& index, const float* query, faiss::Index::idx_t k,
                       const faiss::SearchParametersHNSW& params, float* distances, faiss::Index::idx_t* labels);

}  // namespace braid::dense
