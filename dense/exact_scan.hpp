#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <faiss/impl/DistanceComputer.h>

#include "dense/vector_index.hpp"

namespace braid::dense {

struct SlotHit {
    std::uint32_t slot = 0;
    float distance = 0.0f;  // FAISS convention: similarity for inner product, squared distance for L2
};

// Brute force: the k slots of `slots` nearest the query `distance` was set to, best first.
std::vector<SlotHit> exact_scan(faiss::DistanceComputer& distance, std::span<const std::uint32_t> slots,
                                std::size_t k, Metric metric);

// Distances to raw float rows (row i = slot i), for vectors that are not yet in FAISS
// (an int8 index before its quantizer has been trained).
class FloatRowsDistance final : public faiss::DistanceComputer {
public:
    FloatRowsDistance(const float* rows, std::size_t dimension, Metric metric)
        : rows_(rows), dimension_(dimension), metric_(metric) {}
    void set_query(const float* query) override { query_ = query; }
    float operator()(idx_t i) override;
    float symmetric_dis(idx_t i, idx_t j) override;

private:
    float distance(const float* a, const float* b) const;

    const float* rows_;
    std::size_t dimension_;
    Metric metric_;
    const float* query_ = nullptr;
};

}  // namespace braid::dense
