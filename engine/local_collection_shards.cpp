// LocalCollection as one shard of a sharded search (declared in local_collection.hpp).
#include <shared_mutex>

#include "engine/local_collection.hpp"
#include "engine/sharded_search.hpp"

namespace braid::engine {

namespace {

CollectionView view_of(const CollectionState& state) {
    return CollectionView{state.store, state.filters, state.lexical.get(), state.dense.get(), state.vector_field};
}

}  // namespace

lexical::CorpusStatistics LocalCollection::shard_statistics(const SearchRequest& request) const {
    const SearchPlan plan = engine::shard_plan(schema_, parser_, request);
    std::shared_lock read(state_mutex_);
    return engine::shard_statistics(view_of(state_), plan);
}

ShardSides LocalCollection::shard_sides(const SearchRequest& request, const lexical::CorpusStatistics& global) const {
    SearchPlan plan = engine::shard_plan(schema_, parser_, request);
    plan.lexical.global = &global;
    std::shared_lock read(state_mutex_);
    return engine::shard_sides(view_of(state_), plan, request.filter);
}

std::vector<std::optional<FetchedHit>> LocalCollection::shard_fetch(const SearchRequest& request,
                                                                    const lexical::CorpusStatistics& global,
                                                                    const std::vector<std::string>& ids) const {
    SearchPlan plan = engine::shard_plan(schema_, parser_, request);
    plan.lexical.global = &global;
    std::shared_lock read(state_mutex_);
    std::vector<std::optional<FetchedHit>> out;
    out.reserve(ids.size());
    for (const auto& id : ids) out.push_back(engine::shard_fetch(view_of(state_), plan, id));
    return out;
}

}  // namespace braid::engine
