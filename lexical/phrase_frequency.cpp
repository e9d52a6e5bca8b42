#include "lexical/phrase_frequency.hpp"

#include <algorithm>

namespace braid::lexical {

namespace {

using Offset = std::int64_t;

bool holds(const std::vector<std::uint32_t>& positions, Offset p) {
    return p >= 0 && std::binary_search(positions.begin(), positions.end(), static_cast<std::uint32_t>(p));
}

// Can every slot get its own position with offset in [m, u], slot `forced` sitting at offset m?
// Slots of different terms never compete (one token per position); within a term the slots'
// windows have equal length and start in slot order, so the greedy earliest choice is exact.
bool feasible(std::span<const PhraseSlot> slots, Offset m, Offset u, std::size_t forced) {
    const Offset forced_position = m + slots[forced].relative;
    std::vector<Offset> last(slots.size(), -1);  // per term group: last position given out
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (i == forced) continue;
        const auto& ps = *slots[i].positions;
        const std::size_t g = slots[i].same_term;
        const bool shares = slots[forced].same_term == g;
        Offset low = std::max<Offset>(m + slots[i].relative, last[g] + 1);
        const Offset high = u + slots[i].relative;
        auto it = std::lower_bound(ps.begin(), ps.end(), static_cast<std::uint32_t>(std::max<Offset>(low, 0)));
        if (shares && it != ps.end() && static_cast<Offset>(*it) == forced_position) ++it;
        if (it == ps.end() || static_cast<Offset>(*it) > high) return false;
        last[g] = static_cast<Offset>(*it);
    }
    return true;
}

}  // namespace

float phrase_frequency(std::span<const PhraseSlot> slots, std::uint32_t slop) {
    if (slots.empty()) return 0;
    for (const auto& s : slots)
        if (s.positions->empty()) return 0;
    if (slop == 0) {
        float count = 0;
        for (std::uint32_t p : *slots[0].positions) {
            const Offset start = static_cast<Offset>(p) - slots[0].relative;
            bool all = true;
            for (std::size_t i = 1; i < slots.size() && all; ++i) all = holds(*slots[i].positions, start + slots[i].relative);
            if (all) count += 1;
        }
        return count;
    }
    std::vector<Offset> offsets;
    for (const auto& s : slots)
        for (std::uint32_t p : *s.positions) offsets.push_back(static_cast<Offset>(p) - s.relative);
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    float freq = 0;
    for (std::size_t a = 0; a < offsets.size(); ++a) {
        const Offset m = offsets[a];
        for (std::size_t b = a; b < offsets.size() && offsets[b] - m <= static_cast<Offset>(slop); ++b) {
            bool found = false;
            for (std::size_t i = 0; i < slots.size() && !found; ++i)
                found = holds(*slots[i].positions, m + slots[i].relative) && feasible(slots, m, offsets[b], i);
            if (found) {
                freq += 1.0f / (1.0f + static_cast<float>(offsets[b] - m));
                break;
            }
        }
    }
    return freq;
}

}  // namespace braid::lexical
