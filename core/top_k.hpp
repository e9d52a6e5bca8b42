#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

#include "core/scored_doc.hpp"

namespace braid {

// Keeps the k best ScoredDocs seen (ranks_before order). threshold() is the score a new document
// must beat to enter once the heap is full; pruning algorithms read it.
class TopKHeap {
public:
    explicit TopKHeap(std::size_t k) : k_(k) { heap_.reserve(k); }

    std::size_t capacity() const { return k_; }
    std::size_t size() const { return heap_.size(); }
    bool full() const { return heap_.size() >= k_; }

    // Lowest score that is still kept, or -infinity-like 0 floor until the heap is full.
    float threshold() const { return full() && k_ > 0 ? heap_.front().score : lowest_; }

    // Returns true when the document entered the heap.
    bool push(ScoredDoc d) {
        if (k_ == 0) return false;
        if (!full()) {
            heap_.push_back(d);
            std::push_heap(heap_.begin(), heap_.end(), worse_on_top);
            return true;
        }
        if (!ranks_before(d, heap_.front())) return false;
        std::pop_heap(heap_.begin(), heap_.end(), worse_on_top);
        heap_.back() = d;
        std::push_heap(heap_.begin(), heap_.end(), worse_on_top);
        return true;
    }

    // Best first; leaves the heap empty.
    std::vector<ScoredDoc> take_sorted() {
        std::vector<ScoredDoc> out = std::move(heap_);
        heap_.clear();
        std::sort(out.begin(), out.end(), ranks_before);
        return out;
    }

private:
    // Heap "less": the worst-ranked element sits at the front.
    static bool worse_on_top(const ScoredDoc& a, const ScoredDoc& b) { return ranks_before(a, b); }

    std::size_t k_;
    float lowest_ = -3.4e38f;
    std::vector<ScoredDoc> heap_;
};

}  // namespace braid
