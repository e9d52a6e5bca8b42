#include <algorithm>

#include "fusion/fusion.hpp"

namespace braid::fusion {

std::size_t window(const FusionParams& params) {
    return std::visit([](const auto& p) { return p.window; }, params);
}

void cover(FusionParams& params, std::size_t needed) {
    std::visit([needed](auto& p) { p.window = std::max(p.window, needed); }, params);
}

std::vector<FusedHit> fuse(const std::vector<ScoredDoc>& lexical, const std::vector<ScoredDoc>& dense,
                           const FusionParams& params, const TieBreak& tie_break, std::size_t best) {
    if (const auto* p = std::get_if<RrfParams>(&params)) return rrf(lexical, dense, *p, tie_break, best);
    return linear(lexical, dense, std::get<LinearParams>(params), tie_break, best);
}

}  // namespace braid::fusion
