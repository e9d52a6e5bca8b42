#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/doc_ordinal.hpp"

namespace braid::fusion {

// DocOrdinal -> position in a list, for the few hundred documents of two fusion windows: open
// addressing in one flat array (an unordered_map allocated a node per document, most of a hybrid
// search's allocations).
class DocPositions {
public:
    explicit DocPositions(std::size_t expected = 0) { rehash(capacity_for(expected)); }

    // The position recorded for `doc`, or records `next` and returns it.
    std::uint32_t find_or_insert(DocOrdinal doc, std::uint32_t next) {
        if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
        Slot& slot = probe(doc);
        if (slot.position == kEmpty) {
            slot = Slot{doc, next};
            ++size_;
        }
        return slot.position;
    }

    std::size_t size() const { return size_; }

private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    struct Slot {
        DocOrdinal doc = 0;
        std::uint32_t position = kEmpty;
    };

    // A power of two at least twice `expected` (load factor <= 1/2), at least 16.
    static std::size_t capacity_for(std::size_t expected) {
        std::size_t capacity = 16;
        while (capacity < expected * 2) capacity *= 2;
        return capacity;
    }

    Slot& probe(DocOrdinal doc) {
        const std::size_t mask = slots_.size() - 1;
        // Fibonacci hashing: ordinals are often consecutive, the multiply spreads them.
        std::size_t i = (static_cast<std::uint64_t>(doc) * 0x9E3779B97F4A7C15ull) >> 40 & mask;
        while (slots_[i].position != kEmpty && slots_[i].doc != doc) i = (i + 1) & mask;
        return slots_[i];
    }

    void rehash(std::size_t capacity) {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(capacity, Slot{});
        for (const Slot& slot : old)
            if (slot.position != kEmpty) probe(slot.doc) = slot;
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace braid::fusion
