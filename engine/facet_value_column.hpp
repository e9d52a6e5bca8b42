#pragma once
// The value ids of each document of a keyword or boolean field, by ordinal, so facets count the
// matched documents (engine/facet_counter.cpp) instead of walking every posting of the field.
// One 32-bit slot per ordinal: no value, the single value's id, or (for a document with several
// values) the offset of its run in a shared overflow array. Not synchronized: the collection's
// lock guards it, as it guards the FilterIndex that owns it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"

namespace braid::engine {

class FacetValueColumn {
public:
    static constexpr std::uint32_t kMaxValueId = 0x7fffffffU;

    // Sets the values of `ordinal` (distinct ids, each at most kMaxValueId; empty: none). An
    // ordinal is set once: a second call replaces its values but leaves its old run unused
    // (ordinals are never reused; remap() reclaims the space).
    void set(DocOrdinal ordinal, std::span<const std::uint32_t> ids);

    // Calls f(id) for each value of `ordinal` (none beyond the end).
    template <typename F>
    void for_each_value(DocOrdinal ordinal, F&& f) const {
        if (ordinal >= slots_.size()) return;
        const std::uint32_t slot = slots_[ordinal];
        if (slot == kNone) return;
        if (!(slot & kMultiple)) {
            f(slot);
            return;
        }
        const std::size_t at = slot & ~kMultiple;
        const std::uint32_t n = overflow_[at];
        for (std::uint32_t i = 1; i <= n; ++i) f(overflow_[at + i]);
    }

    // Renumbers the ordinals by `remap` and the value ids by `new_id` (old id -> new id; kNone
    // drops the value). Dropped ordinals are forgotten and the overflow is rewritten compactly.
    void remap(const OrdinalRemap& remap, std::span<const std::uint32_t> new_id);

    std::size_t size() const { return slots_.size(); }
    // The ordinals set with more than one value (the matches walk reads a run for each).
    std::size_t multi_valued() const { return multi_valued_; }
    std::size_t memory_bytes() const;

    static constexpr std::uint32_t kNone = 0xffffffffU;

private:
    static constexpr std::uint32_t kMultiple = 0x80000000U;

    std::vector<std::uint32_t> slots_;     // by ordinal: kNone, an id, or kMultiple | overflow offset
    std::vector<std::uint32_t> overflow_;  // runs of [count, id...] for multi-valued documents
    std::size_t multi_valued_ = 0;
};

}  // namespace braid::engine
