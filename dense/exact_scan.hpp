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

}  // namespace braid::dense
