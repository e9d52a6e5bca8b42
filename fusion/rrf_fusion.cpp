#include "core/scored_doc.hpp"
#include "fusion/fused_list.hpp"
#include "fusion/fusion.hpp"
#include "fusion/parameter_checks.hpp"

namespace braid::fusion {
namespace {

void add_side(FusedList& list, FusedList::Side side, std::span<const ScoredDoc> window, double k,
              double weight) {
    std::uint32_t rank = 0;
    for (const ScoredDoc& d : window) {
        ++rank;
        const double reciprocal = 1.0 / (k + rank);
        list.add(side, d.doc, SideContribution{rank, d.score, reciprocal, weight * reciprocal});
    }
}

}  // namespace

std::vector<FusedHit> rrf(const std::vector<ScoredDoc>& lexical, const std::vector<ScoredDoc>& dense,
                          const RrfParams& params, const TieBreak& tie_break, std::size_t best) {
    check(params);
    FusedList list(leading_window(lexical, params.window).size() + leading_window(dense, params.window).size());
    add_side(list, FusedList::Side::lexical, leading_window(lexical, params.window), params.k,
             params.lexical_weight);
    add_side(list, FusedList::Side::dense, leading_window(dense, params.window), params.k,
             params.dense_weight);
    return std::move(list).ranked(tie_break, best);
}

}  // namespace braid::fusion
