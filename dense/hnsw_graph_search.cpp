#include "dense/hnsw_graph_search.hpp"

#include <memory>

#include <faiss/MetricType.h>
#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/utils/Heap.h>

namespace braid::dense {

namespace {

// HNSW minimizes; an inner-product storage is searched on negated similarities.
class NegatedDistance final : public faiss::DistanceComputer {
public:
    explicit NegatedDistance(faiss::DistanceComputer* inner) : inner_(inner) {}
    void set_query(const float* x) override { inner_->set_query(x); }
    float operator()(idx_t i) override { return -(*inner_)(i); }
    float symmetric_dis(idx_t i, idx_t j) override { return -inner_->symmetric_dis(i, j); }

private:
    std::unique_ptr<faiss::DistanceComputer> inner_;
};

faiss::VisitedTable& visited_table_for(faiss::Index::idx_t ntotal) {
    thread_local std::unique_ptr<faiss::VisitedTable> table;
    if (!table || table->visited.size() < static_cast<std::size_t>(ntotal)) {
        table = std::make_unique<faiss::VisitedTable>(static_cast<int>(ntotal));
    }
    return *table;
}

}  // namespace

void search_hnsw_graph(const faiss::IndexHNSW& index, const float* query, faiss::Index::idx_t k,
                       const faiss::SearchParametersHNSW& params, float* distances, faiss::Index::idx_t* labels) {
    const bool similarity = index.metric_type == faiss::METRIC_INNER_PRODUCT;
    std::unique_ptr<faiss::DistanceComputer> distance(index.storage->get_distance_computer());
    if (similarity) distance = std::make_unique<NegatedDistance>(distance.release());
    distance->set_query(query);

    faiss::VisitedTable& visited = visited_table_for(index.ntotal);
    faiss::maxheap_heapify(static_cast<std::size_t>(k), distances, labels);
    index.hnsw.search(*distance, static_cast<int>(k), labels, distances, visited, &params);
    visited.advance();
    faiss::maxheap_reorder(static_cast<std::size_t>(k), distances, labels);
    if (similarity) {
        for (faiss::Index::idx_t i = 0; i < k; ++i) distances[i] = -distances[i];
    }
}

}  // namespace braid::dense
