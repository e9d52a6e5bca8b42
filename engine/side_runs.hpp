#pragma once
// What a search runs on one collection, or on one shard of a sharded one, before ranking: the
// filter's allowed documents and each side's best plan.candidates (ties by id). execute_search
// and shard_sides both run them, so a shard's candidates are exactly those one node would rank.
#include <optional>
#include <vector>

#include "core/bitset.hpp"
#include "core/scored_doc.hpp"
#include "engine/search_plan.hpp"
#include "engine/search_response.hpp"
#include "engine/searcher.hpp"

namespace braid::engine {

// The live documents `filter` allows; nullopt when there is no filter (every live document).
// Throws the filter's errors (the filter index validates it).
std::optional<Bitset> allowed_documents(const CollectionView& view, const std::vector<FilterClause>& filter);

// Calls `run` with the plan's lexical query, its tree (a lexical::TreeQuery) when it has one and
// else its flat lexical::LexicalQuery, restricted to `allowed` (null: all), and returns its result.
template <class Run>
auto with_lexical_query(const SearchPlan& plan, const Bitset* allowed, Run&& run) {
    if (plan.tree) {
        lexical::TreeQuery tree = *plan.tree;
        tree.allowed = allowed;
        return run(tree);
    }
    lexical::LexicalQuery query = plan.lexical;
    query.allowed = allowed;
    return run(query);
}

// The lexical side: the plan's query (its tree when it has one) within `allowed` (null: all).
std::vector<ScoredDoc> run_lexical(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed);

// The dense side within `allowed`; `explanation` (when not null) receives how it ran.
std::vector<ScoredDoc> run_dense(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed,
                                 std::optional<DenseRunExplanation>* explanation = nullptr);

}  // namespace braid::engine
