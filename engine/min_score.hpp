#pragma once
#include <algorithm>
#include <optional>
#include <vector>

namespace braid::engine {

// "min_score": {"lexical": x, "dense": y, "fused": z}. A side's hits scoring below its bound are
// dropped before fusion (they neither appear nor contribute); `fused` bounds the final score of a
// hit (the fused score of a hybrid search, the side's score of a single-sided one), before the
// page is cut, so offsets count only the hits kept.
struct MinScore {
    std::optional<double> lexical, dense, fused;
};

// Removes the elements whose `score` is below `bound` (keeping the order).
template <class Scored>
void drop_below(std::vector<Scored>& hits, const std::optional<double>& bound) {
    if (!bound) return;
    hits.erase(std::remove_if(hits.begin(), hits.end(), [&](const Scored& h) { return static_cast<double>(h.score) < *bound; }),
               hits.end());
}

}  // namespace braid::engine
