#include "engine/sharded_search.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "engine/facet_counter.hpp"
#include "engine/ranked_page.hpp"
#include "engine/side_runs.hpp"
#include "fusion/fusion.hpp"

namespace braid::engine {

namespace {

bool better(const RankedId& a, const RankedId& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; }

std::vector<RankedId> with_ids(const CollectionView& view, const std::vector<ScoredDoc>& hits) {
    std::vector<RankedId> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(RankedId{view.store.id(h.doc), h.score});
    return out;
}

// Every shard's list of one side, merged: the global best `n`, score descending, ties by id.
std::vector<RankedId> merge_side(const std::vector<ShardSides>& shards, std::vector<RankedId> ShardSides::*side,
                                 std::size_t n) {
    std::vector<RankedId> all;
    for (const auto& shard : shards) all.insert(all.end(), (shard.*side).begin(), (shard.*side).end());
    std::sort(all.begin(), all.end(), better);
    if (all.size() > n) all.resize(n);
    return all;
}

}  // namespace

SearchPlan shard_plan(const config::CollectionConfig& schema, const DocumentParser& parser, const SearchRequest& request) {
    SearchRequest effective = request;
    const SearchMode mode = request.mode.value_or(request.query && request.vector ? SearchMode::hybrid
                                                  : request.query                 ? SearchMode::lexical
                                                                                  : SearchMode::dense);
    if (mode == SearchMode::lexical) effective.vector.reset();
    if (mode == SearchMode::dense) {
        effective.query.reset();
        effective.fields.clear();
    }
    // What the merge does not do yet: refused rather than silently left out.
    const auto refuse = [](const std::string& member, const std::string& what) {
        throw Error(ErrorKind::invalid_argument, "unsupported_on_shards",
                    member + ": " + what + " is not supported on a search fanned out over a sharded collection yet", member);
    };
    if (request.rerank) refuse("rerank", "reranking");
    if (request.highlight) refuse("highlight", "highlighting");
    if (request.collapse) refuse("collapse", "collapsing");
    SearchPlan plan = plan_search(schema, parser, effective);
    if (!plan.facets.empty()) refuse("facets", "faceting");
    if (plan.tree)
        throw Error(ErrorKind::invalid_argument, "unsupported_on_shards",
                    "the simple query syntax, minimum_should_match and synonym expansion are not supported on a sharded collection yet",
                    "syntax");
    return plan;
}

lexical::CorpusStatistics shard_statistics(const CollectionView& view, const SearchPlan& plan) {
    if (plan.kind == PlanKind::dense || view.lexical == nullptr) return {};
    return view.lexical->statistics(plan.lexical);
}

ShardSides shard_sides(const CollectionView& view, const SearchPlan& plan, const std::vector<FilterClause>& filter) {
    const std::optional<Bitset> allowed = allowed_documents(view, filter);
    const Bitset* allowed_ptr = allowed ? &*allowed : nullptr;
    ShardSides out;
    if (plan.total) out.lexical_matches = lexical_matches(view, plan, allowed_ptr).count();
    if (plan.kind != PlanKind::dense) out.lexical = with_ids(view, run_lexical(view, plan, allowed_ptr));
    if (plan.kind != PlanKind::lexical && plan.candidates > 0) out.dense = with_ids(view, run_dense(view, plan, allowed_ptr));
    return out;
}

std::optional<FetchedHit> shard_fetch(const CollectionView& view, const SearchPlan& plan, const std::string& id) {
    const DocOrdinal doc = view.store.find(id);
    if (doc == kNoDoc) return std::nullopt;
    FetchedHit out{document_text(DocumentSource{view.store, view.dense, view.vector_field}, doc, plan.document), std::nullopt};
    if (plan.explain && plan.kind != PlanKind::dense && view.lexical != nullptr)
        out.explanation = HitExplanation{view.lexical->explain(plan.lexical, doc)};
    return out;
}

std::vector<MergedHit> merge_shard_sides(const std::vector<ShardSides>& shards, const SearchPlan& plan) {
    const auto lexical_side = merge_side(shards, &ShardSides::lexical, plan.candidates);
    const auto dense_side = merge_side(shards, &ShardSides::dense, plan.candidates);
    // The ranking works on ordinals: number the candidates in id order, so its tie-break is by id.
    std::map<std::string, DocOrdinal> ordinal_of;
    for (const auto& h : lexical_side) ordinal_of.emplace(h.id, 0);
    for (const auto& h : dense_side) ordinal_of.emplace(h.id, 0);
    std::vector<const std::string*> id_of;
    for (auto& [id, ordinal] : ordinal_of) {
        ordinal = static_cast<DocOrdinal>(id_of.size());
        id_of.push_back(&id);
    }
    const auto scored = [&](const std::vector<RankedId>& side) {
        std::vector<ScoredDoc> out;
        out.reserve(side.size());
        for (const auto& h : side) out.push_back(ScoredDoc{ordinal_of.at(h.id), h.score});
        return out;
    };
    auto lexical = scored(lexical_side);
    auto dense = scored(dense_side);
    std::vector<MergedHit> page;
    for (const fusion::FusedHit& entry : ranked_page(lexical, dense, plan, [](DocOrdinal a, DocOrdinal b) { return a < b; }))
        page.push_back(MergedHit{*id_of[entry.doc], entry.score, entry.lexical, entry.dense});
    return page;
}

}  // namespace braid::engine
