#include "dense/exact_scan.hpp"

#include <algorithm>

#include "dense/metric.hpp"

namespace braid::dense {

std::vector<SlotHit> exact_scan(faiss::DistanceComputer& distance, std::span<const std::uint32_t> slots,
                                std::size_t k, Metric metric) {
    // Heap with the worst kept hit on top; ties broken by lower slot so results are deterministic.
    const auto better = [metric](const SlotHit& a, const SlotHit& b) {
        if (a.distance != b.distance) return faiss_better(a.distance, b.distance, metric);
        return a.slot < b.slot;
    };
    std::vector<SlotHit> heap;
    heap.reserve(std::min(k, slots.size()) + 1);
    if (k == 0) return heap;
    for (const std::uint32_t slot : slots) {
        const SlotHit hit{slot, distance(static_cast<faiss::DistanceComputer::idx_t>(slot))};
        if (heap.size() < k) {
            heap.push_back(hit);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(hit, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = hit;
            std::push_heap(heap.begin(), heap.end(), better);
        }
    }
    std::sort_heap(heap.begin(), heap.end(), better);
    return heap;
}

}  // namespace braid::dense
