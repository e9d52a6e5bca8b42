#include "engine/side_runs.hpp"

#include "engine/ties_by_id.hpp"

namespace braid::engine {

std::optional<Bitset> allowed_documents(const CollectionView& view, const std::vector<FilterClause>& filter) {
    if (filter.empty()) return std::nullopt;
    view.filters.validate(filter);
    return view.filters.evaluate(filter, view.store.live());
}

std::vector<ScoredDoc> run_lexical(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed) {
    return with_lexical_query(plan, allowed, [&](auto& query) {
        return top_k_ties_by_id(plan.candidates, view.store, [&](std::size_t k) {
            query.k = k;
            return view.lexical->search(query);  // checks the query (fields, boosts) even when k is 0
        });
    });
}

std::vector<ScoredDoc> run_dense(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed,
                                 std::optional<DenseRunExplanation>* explanation) {
    dense::DenseQuery query;
    query.vector = plan.vector;
    query.ef_search = plan.ef_search;
    query.allowed = allowed;
    auto hits = top_k_ties_by_id(plan.candidates, view.store, [&](std::size_t k) {
        query.k = k;
        dense::DenseResult result = view.dense->search(query);
        if (explanation)
            *explanation = DenseRunExplanation{result.exact, result.ef_search,
                                               allowed ? std::optional<std::size_t>(result.allowed_count) : std::nullopt,
                                               result.hits.size()};
        return std::move(result.hits);
    });
    if (explanation && *explanation) (*explanation)->candidates = hits.size();
    return hits;
}

}  // namespace braid::engine
