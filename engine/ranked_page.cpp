#include "engine/ranked_page.hpp"

#include <algorithm>

#include "engine/min_score.hpp"

namespace braid::engine {

std::vector<fusion::FusedHit> ranked_page(std::vector<ScoredDoc>& lexical, std::vector<ScoredDoc>& dense,
                                          const SearchPlan& plan, const fusion::TieBreak& tie_break) {
    drop_below(lexical, plan.min_score.lexical);
    drop_below(dense, plan.min_score.dense);
    const std::size_t end = plan.offset + plan.k;
    std::vector<fusion::FusedHit> page;
    if (plan.kind == PlanKind::hybrid) {
        // Only the page's end is ranked: min_score.fused drops a tail of the ranking, so the page
        // of the best `end` is the page of the whole.
        auto fused = fusion::fuse(lexical, dense, *plan.fusion, tie_break, end);
        drop_below(fused, plan.min_score.fused);
        if (fused.size() > end) fused.resize(end);
        fused.erase(fused.begin(), fused.begin() + static_cast<std::ptrdiff_t>(std::min(plan.offset, fused.size())));
        return fused;
    }
    const bool lexical_plan = plan.kind == PlanKind::lexical;
    auto& hits = lexical_plan ? lexical : dense;
    drop_below(hits, plan.min_score.fused);
    for (std::size_t i = plan.offset; i < std::min(end, hits.size()); ++i) {
        // A single side's hit: its score is its normalized score and its whole contribution.
        const SideContribution side{static_cast<std::uint32_t>(i + 1), hits[i].score, hits[i].score, hits[i].score};
        fusion::FusedHit hit{hits[i].doc, hits[i].score, std::nullopt, std::nullopt};
        (lexical_plan ? hit.lexical : hit.dense) = side;
        page.push_back(hit);
    }
    return page;
}

}  // namespace braid::engine
