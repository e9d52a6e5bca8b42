#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include "core/scored_doc.hpp"
#include "engine/document_store.hpp"

namespace braid::engine {

// The indexes break equal scores by lower ordinal, and an ordinal changes whenever a document is
// re-PUT; answers break them by external id instead (as fusion does), so that a ranking does not
// depend on the order of past writes.
//
// `fetch(n)` returns a side's best `n` hits (score descending, any order among equal scores).
// This returns its best `k` with equal scores ordered by id: it fetches more while the hits past
// the k-th could still tie with it, so the k-th place goes to the lowest id among every document
// of that score (exactly as an exhaustive ranking would place them).
// Orders `hits` by score, then id, as far as its first `k` go (beyond them: by score only when
// the hits came in score order, as fetch() gives them).
void order_ties_by_id(std::vector<ScoredDoc>& hits, std::size_t k, const DocumentStore& store);

std::vector<ScoredDoc> top_k_ties_by_id(std::size_t k, const DocumentStore& store,
                                        const std::function<std::vector<ScoredDoc>(std::size_t)>& fetch);

}  // namespace braid::engine
