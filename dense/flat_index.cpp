#include "dense/flat_index.hpp"

#include <faiss/IndexFlat.h>

#include "dense/kernel_storage.hpp"
#include "dense/metric.hpp"

namespace braid::dense {

FlatVectorIndex::FlatVectorIndex(const VectorIndexSpec& spec)
    : FaissVectorIndex(spec, std::make_unique<KernelFlatStorage>(static_cast<faiss::Index::idx_t>(spec.dimension),
                                                                 faiss_metric(spec.metric))) {}

std::unique_ptr<FaissVectorIndex> FlatVectorIndex::empty_like() const { return std::make_unique<FlatVectorIndex>(spec()); }

void FlatVectorIndex::faiss_search(const float* query, faiss::Index::idx_t k, float* distances,
                                   faiss::Index::idx_t* labels, const faiss::IDSelector* selector, int) const {
    faiss::SearchParameters params;
    params.sel = const_cast<faiss::IDSelector*>(selector);  // FAISS 1.7.3 declares it non-const
    faiss_index().search(1, query, k, distances, labels, &params);
}

std::size_t FlatVectorIndex::faiss_memory_bytes() const {
    const auto& flat = dynamic_cast<const faiss::IndexFlat&>(faiss_index());
    if (const auto* rows = dynamic_cast<const KernelFlatStorage*>(&flat)) return rows->rows_capacity_bytes();
    return flat.codes.capacity();
}

bool FlatVectorIndex::accepts(const faiss::Index& index) const {
    return dynamic_cast<const faiss::IndexFlat*>(&index) != nullptr;
}

std::unique_ptr<faiss::Index> FlatVectorIndex::adopt(std::unique_ptr<faiss::Index> index) const {
    auto* flat = dynamic_cast<faiss::IndexFlat*>(index.get());
    if (flat == nullptr || dynamic_cast<KernelFlatStorage*>(flat) != nullptr) return index;
    return KernelFlatStorage::adopt(*flat);
}

}  // namespace braid::dense
