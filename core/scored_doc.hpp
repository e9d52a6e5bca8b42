#pragma once
#include "core/doc_ordinal.hpp"

namespace braid {

struct ScoredDoc {
    DocOrdinal doc = kNoDoc;
    float score = 0.0f;

    friend bool operator==(const ScoredDoc&, const ScoredDoc&) = default;
};

// Ranking order: higher score first, ties by lower ordinal (deterministic).
inline bool ranks_before(const ScoredDoc& a, const ScoredDoc& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc < b.doc;
}

// ranks_before as a type: std algorithms given it inline the comparison, where a function
// pointer (std::sort(..., ranks_before)) makes them call it per comparison.
struct RanksBefore {
    bool operator()(const ScoredDoc& a, const ScoredDoc& b) const { return ranks_before(a, b); }
};

}  // namespace braid
