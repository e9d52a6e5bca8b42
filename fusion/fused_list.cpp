#include "fusion/fused_list.hpp"

#include <algorithm>

namespace braid::fusion {

std::span<const ScoredDoc> leading_window(const std::vector<ScoredDoc>& ranked, std::size_t window) {
    return std::span<const ScoredDoc>(ranked.data(), std::min(window, ranked.size()));
}

FusedList::FusedList(std::size_t documents) : position_(documents) { hits_.reserve(documents); }

bool FusedList::add(Side side, DocOrdinal doc, const SideContribution& contribution) {
    const std::uint32_t position = position_.find_or_insert(doc, static_cast<std::uint32_t>(hits_.size()));
    if (position == hits_.size()) {
        FusedHit hit;
        hit.doc = doc;
        hits_.push_back(hit);
    }
    FusedHit& hit = hits_[position];
    std::optional<SideContribution>& slot = side == Side::lexical ? hit.lexical : hit.dense;
    if (slot) return false;
    slot = contribution;
    return true;
}

std::vector<FusedHit> FusedList::ranked(const TieBreak& tie_break, std::size_t best) && {
    for (FusedHit& hit : hits_) {
        // Always lexical + dense in this order, so equal inputs give bit-identical sums.
        const double lexical = hit.lexical ? hit.lexical->contribution : 0.0;
        const double dense = hit.dense ? hit.dense->contribution : 0.0;
        hit.score = lexical + dense;
    }
    return best_first(std::move(hits_), best, tie_break);
}

}  // namespace braid::fusion
