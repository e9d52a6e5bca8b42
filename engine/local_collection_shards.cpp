// LocalCollection as one shard of a sharded search (declared in local_collection.hpp).
#include <shared_mutex>

#include "core/error.hpp"
#include "engine/collapse.hpp"
#include "engine/hit_highlights.hpp"
#include "engine/stored_document.hpp"

#include "engine/local_collection.hpp"
#include "engine/sharded_search.hpp"

namespace braid::engine {

namespace {

CollectionView view_of(const CollectionState& state) {
    return CollectionView{state.store, state.filters, state.lexical.get(), state.dense.get(), state.vector_field};
}

}  // namespace

ResolvedShardSearch LocalCollection::resolve_shard_search(const SearchRequest& request) const {
    // The same resolution as run_search's, so the fanned-out answer is the one this node would give.
    check_has_query_or_vector(request);
    ResolvedShardSearch out{request, {}, {}};
    SearchMode mode = request.mode.value_or(embedder_ && request.query    ? SearchMode::hybrid
                                            : request.query && request.vector ? SearchMode::hybrid
                                            : request.query                   ? SearchMode::lexical
                                                                              : SearchMode::dense);
    if (mode != SearchMode::dense && !request.query)
        throw Error(ErrorKind::invalid_argument, "invalid_query", "mode: this mode needs a \"query\"", "mode");
    if (mode != SearchMode::lexical && !request.vector) {
        if (!embedder_)
            throw Error(ErrorKind::invalid_argument, "invalid_query",
                        "a search with a dense side needs a \"vector\": collection \"" + schema_.name +
                            "\" has no vector.embedder to embed the query",
                        request.mode ? "mode" : "vector");
        const bool fallback = request.lexical_on_embedder_error.value_or(embedder_->config().on_embedder_error == "lexical");
        try {
            out.request.vector = embedder_->embed_query(*request.query);
        } catch (const Error& e) {
            if (!fallback) throw;
            out.degraded.push_back(std::string("dense: ") + e.what());
            mode = SearchMode::lexical;
        }
    }
    out.request.mode = mode;
    if (request.highlight) check_highlight(schema_, *request.highlight);
    if (request.collapse) check_collapse_field(schema_, *request.collapse);
    if (request.highlight || request.collapse) out.request.document.fields = {};  // members selected after
    out.request.highlight.reset();
    out.request.collapse.reset();
    out.plan = engine::shard_plan(schema_, parser_, out.request);
    return out;
}

SearchPlan LocalCollection::plan_shard_search(const SearchRequest& resolved) const {
    return engine::shard_plan(schema_, parser_, resolved);
}

void LocalCollection::finish_fanned_out_hits(const SearchRequest& request, std::vector<Hit>& hits) const {
    if (!request.highlight && !request.collapse) return;  // the holders shaped the documents
    add_highlights(parser_, request, hits);
    if (!request.document.fields.selects_all())
        for (auto& hit : hits) hit.document = select_members(hit.document, request.document.fields);
}

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
