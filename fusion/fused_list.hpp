#pragma once
#include <span>
#include <vector>

#include "core/scored_doc.hpp"
#include "fusion/best_first.hpp"
#include "fusion/doc_positions.hpp"
#include "fusion/fusion.hpp"

namespace braid::fusion {

// The first `window` entries of a ranked list.
std::span<const ScoredDoc> leading_window(const std::vector<ScoredDoc>& ranked, std::size_t window);

// Collects each document's per-side contributions, then orders the union best first.
// Shared by every fusion method so they agree on ranks, duplicates and tie-breaking.
class FusedList {
public:
    enum class Side { lexical, dense };

    FusedList() = default;
    // Room for `documents` without growing (the two windows' sizes: a search's fusion allocated
    // as it grew, node by node, about a tenth of a hybrid request's time).
    explicit FusedList(std::size_t documents);

    // Records `doc`'s contribution from `side`. Only a document's first (best) appearance on a side
    // counts; a repeated entry is ignored and returns false.
    bool add(Side side, DocOrdinal doc, const SideContribution& contribution);

    // Sums the contributions and ranks: higher fused score first, ties by `tie_break` (lower
    // ordinal when empty). Only the `best` first are ranked and returned (all by default).
    std::vector<FusedHit> ranked(const TieBreak& tie_break, std::size_t best = kAllHits) &&;

private:
    DocPositions position_;
    std::vector<FusedHit> hits_;
};

}  // namespace braid::fusion
