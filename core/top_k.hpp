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
            std::push_heap(heap_.begin(), heap_.end(), WorseOnTop{});
            return true;
        }
        if (!ranks_before(d, heap_.front())) return false;
        replace_worst(d);
        return true;
    }

    // Best first; leaves the heap empty.
    std::vector<ScoredDoc> take_sorted() {
        std::vector<ScoredDoc> out = std::move(heap_);
        heap_.clear();
        std::sort(out.begin(), out.end(), RanksBefore{});
        return out;
    }

private:
    // Heap "less": the worst-ranked element sits at the front.
    using WorseOnTop = RanksBefore;

    // Puts `d` in the front's (the worst's) place and sifts it down: one pass where pop_heap then
    // push_heap make two. The kept set is the same whatever the layout (ranks_before is a total
    // order over distinct documents).
    void replace_worst(const ScoredDoc& d) {
        const std::size_t n = heap_.size();
        std::size_t hole = 0;
        for (std::size_t child = 1; child < n; child = 2 * hole + 1) {
            if (child + 1 < n && ranks_before(heap_[child], heap_[child + 1])) ++child;  // the worse child
            if (!ranks_before(d, heap_[child])) break;
            heap_[hole] = heap_[child];
            hole = child;
        }
        heap_[hole] = d;
    }

    std::size_t k_;
    float lowest_ = -3.4e38f;
    std::vector<ScoredDoc> heap_;
};

}  // namespace braid
