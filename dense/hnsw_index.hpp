#pragma once
#include <memory>

#include "dense/faiss_vector_index.hpp"

namespace braid::dense {

// Approximate search over a FAISS HNSW graph: IndexHNSWFlat, or IndexHNSWSQ (8-bit scalar
// quantizer, trained on the first vectors) under Quantization::int8. Either way the graph's storage
// is one of braid's kernel storages, so construction and search compute distances with SIMD.
class HnswVectorIndex final : public FaissVectorIndex {
public:
    explicit HnswVectorIndex(const VectorIndexSpec& spec);

protected:
    std::unique_ptr<FaissVectorIndex> empty_like() const override;
    void faiss_search(const float* query, faiss::Index::idx_t k, float* distances, faiss::Index::idx_t* labels,
                      const faiss::IDSelector* selector, int ef_search) const override;
    const faiss::Index& vector_storage() const override;
    std::size_t faiss_memory_bytes() const override;
    bool accepts(const faiss::Index& index) const override;
    bool uses_ef_search() const override { return true; }
    std::unique_ptr<faiss::Index> adopt(std::unique_ptr<faiss::Index> index) const override;
};

}  // namespace braid::dense
