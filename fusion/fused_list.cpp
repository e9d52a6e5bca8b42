#include "fusion/fused_list.hpp"

#include <algorithm>

namespace braid::fusion {

std::span<const ScoredDoc> leading_window(const std::vector<ScoredDoc>& ranked, std::size_t window) {
    return std::span<const ScoredDoc>(ranked.data(), std::min(window, ranked.size()));
}

FusedList::FusedList(std::size_t documents) {
    position_.reserve(documents);
    hits_.reserve(documents);
}

bool FusedList::add(Side side, DocOrdinal doc, const SideContribution& contribution) {
    auto [it, inserted] = position_.try_emplace(doc, hits_.size());
    if (inserted) {
        FusedHit hit;
        hit.doc = doc;
        hits_.push_back(hit);
    }
    FusedHit& hit = hits_[it->second];
    std::optional<SideContribution>& slot = side == Side::lexical ? hit.lexical : hit.dense;
    if (slot) return false;
    slot = contribution;
    return true;
}

std::vector<FusedHit> FusedList::ranked(const TieBreak& tie_break) && {
    for (FusedHit& hit : hits_) {
        // Always lexical + dense in this order, so equal inputs give bit-identical sums.
        const double lexical = hit.lexical ? hit.lexical->contribution : 0.0;
        const double dense = hit.dense ? hit.dense->contribution : 0.0;
        hit.score = lexical + dense;
    }
    auto before = [&tie_break](const FusedHit& a, const FusedHit& b) {
        if (a.score != b.score) return a.score > b.score;
        return tie_break ? tie_break(a.doc, b.doc) : a.doc < b.doc;
    };
    std::sort(hits_.begin(), hits_.end(), before);
    position_.clear();
    return std::move(hits_);
}

}  // namespace braid::fusion
