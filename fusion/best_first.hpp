#pragma once
#include <cstddef>
#include <vector>

#include "fusion/fusion.hpp"

namespace braid::fusion {

// The `best` first of `hits` in fusion order (higher score first, ties by `tie_break`, lower
// ordinal when it is empty), best first: the first `best` of a full sort, without sorting the
// hits that rank below them. `hits` is consumed.
std::vector<FusedHit> best_first(std::vector<FusedHit>&& hits, std::size_t best, const TieBreak& tie_break);

}  // namespace braid::fusion
