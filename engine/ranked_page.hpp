#pragma once
#include <vector>

#include "core/scored_doc.hpp"
#include "engine/search_plan.hpp"
#include "fusion/fusion.hpp"

namespace braid::engine {

// The page [plan.offset, plan.offset + plan.k) of a search's ranking, from its sides' hits (each
// best first): min_score.lexical and .dense drop hits from their side, the hybrid ranking fuses
// what is left (equal fused scores ordered by `tie_break`), a single-sided one is its side's list
// with its ranks, and min_score.fused drops hits before the page is cut. The sides keep what
// their bounds (and a single side's fused bound) left them: explain reports their sizes.
// A local search and the merge of a fan-out both rank through it.
std::vector<fusion::FusedHit> ranked_page(std::vector<ScoredDoc>& lexical, std::vector<ScoredDoc>& dense,
                                          const SearchPlan& plan, const fusion::TieBreak& tie_break);

}  // namespace braid::engine
