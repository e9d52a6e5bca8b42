#include "dense/hnsw_index.hpp"

#include <algorithm>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/impl/HNSW.h>

#include "dense/hnsw_graph_search.hpp"
#include "dense/kernel_storage.hpp"
#include "dense/metric.hpp"

namespace braid::dense {

namespace {

// Widens the trained per-dimension range a little: the quantizer is trained on the first
// vectors only, and later ones slightly outside that range should not be clipped hard.
constexpr float kInt8RangeMargin = 0.05f;

// Puts the graph's vectors in a storage that computes distances with braid's kernels (the
// same rows or codes; FAISS still writes them as its plain storage types).
void install_kernel_storage(faiss::IndexHNSW& index) {
    if (dynamic_cast<KernelFlatStorage*>(index.storage) != nullptr ||
        dynamic_cast<KernelInt8Storage*>(index.storage) != nullptr) {
        return;
    }
    std::unique_ptr<faiss::Index> replacement;
    if (auto* flat = dynamic_cast<faiss::IndexFlat*>(index.storage)) {
        replacement = KernelFlatStorage::adopt(*flat);
    } else if (auto* sq = dynamic_cast<faiss::IndexScalarQuantizer*>(index.storage);
               sq != nullptr && sq->sq.qtype == faiss::ScalarQuantizer::QT_8bit) {
        replacement = KernelInt8Storage::adopt(*sq);
    } else {
        return;
    }
    if (index.own_fields) delete index.storage;
    index.storage = replacement.release();
    index.own_fields = true;
}

std::unique_ptr<faiss::IndexHNSW> make_faiss_hnsw(const VectorIndexSpec& spec) {
    const int d = static_cast<int>(spec.dimension);
    std::unique_ptr<faiss::IndexHNSW> index;
    if (spec.quantization == Quantization::int8) {
        auto sq = std::make_unique<faiss::IndexHNSWSQ>(d, faiss::ScalarQuantizer::QT_8bit, spec.m, faiss_metric(spec.metric));
        install_kernel_storage(*sq);
        auto* storage = dynamic_cast<faiss::IndexScalarQuantizer*>(sq->storage);
        storage->sq.rangestat_arg = kInt8RangeMargin;
        index = std::move(sq);
    } else {
        index = std::make_unique<faiss::IndexHNSWFlat>(d, spec.m, faiss_metric(spec.metric));
        install_kernel_storage(*index);
    }
    index->hnsw.efConstruction = spec.ef_construction;
    index->hnsw.efSearch = spec.ef_search;  // braid searches with its own walk; this is for FAISS's own
    return index;
}

const faiss::IndexHNSW& as_hnsw(const faiss::Index& index) { return dynamic_cast<const faiss::IndexHNSW&>(index); }

}  // namespace

HnswVectorIndex::HnswVectorIndex(const VectorIndexSpec& spec) : FaissVectorIndex(spec, make_faiss_hnsw(spec)) {}

std::unique_ptr<FaissVectorIndex> HnswVectorIndex::empty_like() const {
    auto copy = std::make_unique<HnswVectorIndex>(spec());
    const auto& mine = as_hnsw(faiss_index());
    if (spec().quantization == Quantization::int8 && mine.is_trained) {
        // Same trained quantizer: decoded rows re-encode to the very same codes.
        auto& theirs = dynamic_cast<faiss::IndexHNSW&>(copy->mutable_faiss_index());
        auto& storage = dynamic_cast<faiss::IndexScalarQuantizer&>(*theirs.storage);
        storage.sq = dynamic_cast<const faiss::IndexScalarQuantizer&>(*mine.storage).sq;
        storage.is_trained = true;
        theirs.is_trained = true;
    }
    return copy;
}

void HnswVectorIndex::faiss_search(const float* query, faiss::Index::idx_t k, float* distances,
                                   faiss::Index::idx_t* labels, const faiss::IDSelector* selector, int ef_search) const {
    faiss::SearchParametersHNSW params;
    params.efSearch = ef_search;
    params.sel = const_cast<faiss::IDSelector*>(selector);  // FAISS 1.7.3 declares it non-const
    search_hnsw_graph(as_hnsw(faiss_index()), query, k, params, distances, labels);
}

const faiss::Index& HnswVectorIndex::vector_storage() const { return *as_hnsw(faiss_index()).storage; }

std::size_t HnswVectorIndex::faiss_memory_bytes() const {
    const auto& index = as_hnsw(faiss_index());
    const faiss::HNSW& graph = index.hnsw;
    std::size_t bytes = graph.neighbors.capacity() * sizeof(faiss::HNSW::storage_idx_t) +
                        graph.levels.capacity() * sizeof(int) + graph.offsets.capacity() * sizeof(std::size_t) +
                        graph.assign_probas.capacity() * sizeof(double);
    if (const auto* sq = dynamic_cast<const faiss::IndexScalarQuantizer*>(index.storage)) {
        bytes += sq->sq.trained.capacity() * sizeof(float);
    }
    if (const auto* rows = dynamic_cast<const KernelFlatStorage*>(index.storage)) {
        bytes += rows->rows_capacity_bytes();
    } else if (const auto* codes = dynamic_cast<const faiss::IndexFlatCodes*>(index.storage)) {
        bytes += codes->codes.capacity();
    }
    return bytes;
}

std::unique_ptr<faiss::Index> HnswVectorIndex::adopt(std::unique_ptr<faiss::Index> index) const {
    auto& hnsw = dynamic_cast<faiss::IndexHNSW&>(*index);
    hnsw.hnsw.efSearch = spec().ef_search;
    install_kernel_storage(hnsw);
    return index;
}

bool HnswVectorIndex::accepts(const faiss::Index& index) const {
    const auto* hnsw = dynamic_cast<const faiss::IndexHNSW*>(&index);
    if (hnsw == nullptr) return false;
    if (spec().quantization == Quantization::int8) return dynamic_cast<const faiss::IndexScalarQuantizer*>(hnsw->storage) != nullptr;
    return dynamic_cast<const faiss::IndexFlat*>(hnsw->storage) != nullptr;
}

}  // namespace braid::dense
