#pragma once
#include <bit>
#include <cstddef>
#include <vector>

#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"

namespace braid {

// A monotone renumbering of document ordinals: old ordinals below old_end() map to new ones
// below new_end(), in the same order, or to kNoDoc (dropped). Being monotone, it keeps postings
// and every other ordinal-sorted list sorted, and ties broken by lower ordinal break the same way.
class OrdinalRemap {
public:
    // Live ordinals (those in `live` below `end`) become their rank among live ordinals; the
    // others are dropped. new_end() is then the live count.
    static OrdinalRemap compacting(const Bitset& live, std::size_t end) {
        OrdinalRemap remap;
        remap.map_.assign(end, kNoDoc);
        DocOrdinal next = 0;
        for_each_set(live, end, [&](std::size_t o) { remap.map_[o] = next++; });
        remap.new_end_ = next;
        return remap;
    }
    // Live ordinals keep their number, the others are dropped; new_end() == end.
    static OrdinalRemap keeping(const Bitset& live, std::size_t end) {
        OrdinalRemap remap;
        remap.map_.assign(end, kNoDoc);
        for_each_set(live, end, [&](std::size_t o) { remap.map_[o] = static_cast<DocOrdinal>(o); });
        remap.new_end_ = end;
        return remap;
    }

    // The new ordinal of `old`, or kNoDoc when it is dropped or not below old_end().
    DocOrdinal operator()(DocOrdinal old) const { return old < map_.size() ? map_[old] : kNoDoc; }
    bool keeps(DocOrdinal old) const { return (*this)(old) != kNoDoc; }
    std::size_t old_end() const { return map_.size(); }
    std::size_t new_end() const { return new_end_; }

    // The set of new ordinals of the members of `set` that are kept.
    Bitset apply(const Bitset& set) const {
        Bitset out(new_end_);
        for_each_set(set, map_.size(), [&](std::size_t o) {
            if (map_[o] != kNoDoc) out.set(map_[o]);
        });
        return out;
    }

private:
    template <typename Fn>
    static void for_each_set(const Bitset& set, std::size_t end, Fn&& fn) {
        const auto& words = set.words();
        for (std::size_t w = 0; w < words.size(); ++w) {
            for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
                const std::size_t o = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
                if (o >= end) return;
                fn(o);
            }
        }
    }

    std::vector<DocOrdinal> map_;  // old -> new
    std::size_t new_end_ = 0;
};

}  // namespace braid
