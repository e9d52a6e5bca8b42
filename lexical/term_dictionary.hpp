#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace braid::lexical {

using TermId = std::uint32_t;
inline constexpr TermId kNoTerm = 0xFFFFFFFFU;

// One dictionary for all fields: term text -> dense id. Ids are never reused; a field maps an id
// to its own postings (FieldIndex), so a term that occurs in two fields has one id.
// Layout: the texts of all terms back to back in one arena, and an open-addressing table of
// (32 hash bits, id) slots with linear probing: a lookup touches one slot and one arena range,
// where a node-based map chases three pointers (the indexing hot path is one lookup per token).
class TermDictionary {
public:
    TermDictionary() : slots_(kInitialSlots, kEmpty) {}

    TermId find(std::string_view term) const {
        const std::uint64_t h = hash(term);
        for (std::size_t i = h & mask(); ; i = (i + 1) & mask()) {
            const std::uint64_t slot = slots_[i];
            if (slot == kEmpty) return kNoTerm;
            if ((slot >> 32) == (h >> 32) && text(static_cast<TermId>(slot)) == term) return static_cast<TermId>(slot);
        }
    }

    TermId intern(std::string_view term) {
        const std::uint64_t h = hash(term);
        std::size_t i = h & mask();
        for (;; i = (i + 1) & mask()) {
            const std::uint64_t slot = slots_[i];
            if (slot == kEmpty) break;
            if ((slot >> 32) == (h >> 32) && text(static_cast<TermId>(slot)) == term) return static_cast<TermId>(slot);
        }
        const auto id = static_cast<TermId>(offsets_.size() - 1);
        arena_.append(term);
        offsets_.push_back(static_cast<std::uint64_t>(arena_.size()));
        slots_[i] = (h & 0xFFFFFFFF00000000ULL) | id;
        if (size() * 2 > slots_.size()) grow();
        return id;
    }

    std::size_t size() const { return offsets_.size() - 1; }
    std::string_view text(TermId id) const {
        return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
    }
    std::size_t memory_bytes() const {
        return arena_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) + slots_.capacity() * sizeof(std::uint64_t);
    }

private:
    static constexpr std::size_t kInitialSlots = 1024;
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

    static std::uint64_t hash(std::string_view s) {
        // FNV-1a, then a finalizer (splitmix64) so both the low bits (slot) and the high bits
        // (stored tag) are well mixed.
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebULL;
        return h ^ (h >> 31);
    }
    std::size_t mask() const { return slots_.size() - 1; }
    void grow() {
        std::vector<std::uint64_t> old(slots_.size() * 2, kEmpty);
        old.swap(slots_);
        for (std::uint64_t slot : old) {
            if (slot == kEmpty) continue;
            const std::uint64_t h = hash(text(static_cast<TermId>(slot)));
            std::size_t i = h & mask();
            while (slots_[i] != kEmpty) i = (i + 1) & mask();
            slots_[i] = slot;
        }
    }

    std::string arena_;
    std::vector<std::uint64_t> offsets_{0};  // term id -> start in arena_; one past the last
    std::vector<std::uint64_t> slots_;       // hash high 32 bits << 32 | term id, or kEmpty
};

}  // namespace braid::lexical
