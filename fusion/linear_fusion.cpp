#include "core/scored_doc.hpp"
#include "fusion/fused_list.hpp"
#include "fusion/fusion.hpp"
#include "fusion/normalization.hpp"
#include "fusion/parameter_checks.hpp"

namespace braid::fusion {
namespace {

void add_side(FusedList& list, FusedList::Side side, std::span<const ScoredDoc> window,
              Normalization method, double weight) {
    const std::vector<double> normalized = normalize(window, method);
    for (std::size_t i = 0; i < window.size(); ++i) {
        const auto rank = static_cast<std::uint32_t>(i + 1);
        list.add(side, window[i].doc,
                 SideContribution{rank, window[i].score, normalized[i], weight * normalized[i]});
    }
}

}  // namespace

std::vector<FusedHit> linear(const std::vector<ScoredDoc>& lexical, const std::vector<ScoredDoc>& dense,
                             const LinearParams& params, const TieBreak& tie_break,
                             std::size_t best) {
    check(params);
    FusedList list(leading_window(lexical, params.window).size() + leading_window(dense, params.window).size());
    add_side(list, FusedList::Side::lexical, leading_window(lexical, params.window), params.normalization,
             params.alpha);
    add_side(list, FusedList::Side::dense, leading_window(dense, params.window), params.normalization,
             1.0 - params.alpha);
    return std::move(list).ranked(tie_break, best);
}

}  // namespace braid::fusion
