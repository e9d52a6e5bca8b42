#pragma once
#include <memory>

#include "dense/faiss_vector_index.hpp"

namespace braid::dense {

// Exact search: every live vector is scored (a faiss::IndexFlat scanned with braid's kernels).
class FlatVectorIndex final : public FaissVectorIndex {
public:
    explicit FlatVectorIndex(const VectorIndexSpec& spec);

protected:
    std::unique_ptr<FaissVectorIndex> empty_like() const override;
    void faiss_search(const float* query, faiss::Index::idx_t k, float* distances, faiss::Index::idx_t* labels,
                      const faiss::IDSelector* selector, int ef_search) const override;
    const faiss::Index& vector_storage() const override { return faiss_index(); }
    std::size_t faiss_memory_bytes() const override;
    bool accepts(const faiss::Index& index) const override;
    bool uses_ef_search() const override { return false; }
    std::unique_ptr<faiss::Index> adopt(std::unique_ptr<faiss::Index> index) const override;
};

}  // namespace braid::dense
