#include "fusion/best_first.hpp"

#include <algorithm>
#include <cstdint>

namespace braid::fusion {
namespace {

// What the ordering reads of a hit, small enough to move around cheaply (a FusedHit is ~80 bytes).
struct Key {
    double score;
    DocOrdinal doc;
    std::uint32_t index;  // into the hits
};

}  // namespace

std::vector<FusedHit> best_first(std::vector<FusedHit>&& hits, std::size_t best, const TieBreak& tie_break) {
    std::vector<Key> keys;
    keys.reserve(hits.size());
    for (std::size_t i = 0; i < hits.size(); ++i)
        keys.push_back(Key{hits[i].score, hits[i].doc, static_cast<std::uint32_t>(i)});

    const auto before = [&tie_break](const Key& a, const Key& b) {
        if (a.score != b.score) return a.score > b.score;
        return tie_break ? tie_break(a.doc, b.doc) : a.doc < b.doc;
    };
    auto end = keys.end();
    if (best < keys.size()) {
        // The best-th score by score alone (no tie-break calls), then every key scoring at least
        // that: the best `best` in full order are among them, since ties at the cut must be ordered.
        const auto cut = keys.begin() + static_cast<std::ptrdiff_t>(best);
        if (best == 0) {
            end = keys.begin();
        } else {
            std::nth_element(keys.begin(), cut - 1, keys.end(),
                             [](const Key& a, const Key& b) { return a.score > b.score; });
            const double least = (cut - 1)->score;
            end = std::partition(cut, keys.end(), [least](const Key& k) { return k.score == least; });
        }
    }
    std::sort(keys.begin(), end, before);

    std::vector<FusedHit> out;
    const auto count = std::min(best, static_cast<std::size_t>(end - keys.begin()));
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(std::move(hits[keys[i].index]));
    return out;
}

}  // namespace braid::fusion
