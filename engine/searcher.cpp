#include "engine/searcher.hpp"

#include <algorithm>
#include <chrono>

#include "engine/facet_counter.hpp"
#include "engine/ranked_page.hpp"
#include "engine/side_runs.hpp"
#include "engine/tree_plan.hpp"
#include "fusion/fusion.hpp"

namespace braid::engine {

namespace {

Hit make_hit(const CollectionView& view, const SearchPlan& plan, DocOrdinal doc, double score) {
    Hit hit;
    hit.id = view.store.id(doc);
    hit.score = score;
    hit.document = document_text(DocumentSource{view.store, view.dense, view.vector_field}, doc, plan.document);
    return hit;
}

// Milliseconds since `start`, added to `into`.
void add_elapsed(double& into, std::chrono::steady_clock::time_point start) {
    into += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

HitExplanation explain_hit(const CollectionView& view, const SearchPlan& plan, DocOrdinal doc) {
    return HitExplanation{plan.tree ? view.lexical->explain(*plan.tree, doc) : view.lexical->explain(plan.lexical, doc)};
}

}  // namespace

SearchResponse execute_search(const CollectionView& view, const SearchPlan& plan,
                              const std::vector<FilterClause>& filter) {
    SearchResponse response;
    auto clock = std::chrono::steady_clock::now();  // the filter's time counts in the first side that runs
    const std::optional<Bitset> allowed = allowed_documents(view, filter);
    const Bitset* allowed_ptr = allowed ? &*allowed : nullptr;
    const bool lexical_side = plan.kind != PlanKind::dense;
    const bool dense_side = plan.kind != PlanKind::lexical;

    std::vector<ScoredDoc> lexical_hits, dense_hits;
    std::optional<DenseRunExplanation> dense_run;
    response.mode = plan.kind;
    if (lexical_side) {
        lexical_hits = run_lexical(view, plan, allowed_ptr);
        add_elapsed(response.stages.lexical_ms, clock);
    }
    if (dense_side && plan.candidates > 0) {
        clock = std::chrono::steady_clock::now();
        dense_hits = run_dense(view, plan, allowed_ptr, &dense_run);
        add_elapsed(response.stages.dense_ms, clock);
    }
    add_match_counts(view, plan, allowed_ptr, dense_hits, response);

    clock = std::chrono::steady_clock::now();
    const auto by_id = [&](DocOrdinal a, DocOrdinal b) { return view.store.id(a) < view.store.id(b); };
    const auto page = ranked_page(lexical_hits, dense_hits, plan, by_id);
    if (plan.kind == PlanKind::hybrid) {
        add_elapsed(response.stages.fusion_ms, clock);
        clock = std::chrono::steady_clock::now();
        response.fusion = plan.fusion;
    }
    response.hits.reserve(page.size());
    for (const fusion::FusedHit& entry : page) {
        Hit hit = make_hit(view, plan, entry.doc, entry.score);
        hit.lexical = entry.lexical;
        hit.dense = entry.dense;
        if (plan.explain && lexical_side) hit.explanation = explain_hit(view, plan, entry.doc);
        response.hits.push_back(std::move(hit));
    }
    add_elapsed(response.stages.fetch_ms, clock);

    if (plan.explain) {
        SearchExplanation explain;
        explain.plan = plan.kind;
        if (lexical_side) {
            explain.query_tokens = plan.lexical.fields;
            if (plan.tree) explain_tree(*plan.tree, explain);
            explain.lexical = LexicalRunExplanation{plan.lexical.op, lexical_hits.size()};
        }
        explain.dense = dense_run;
        if (allowed) explain.filter_allowed_count = allowed->count();
        response.explain = std::move(explain);
    }
    return response;
}

}  // namespace braid::engine
