#include "engine/searcher.hpp"

#include <algorithm>
#include <chrono>


#include "engine/facet_counter.hpp"
#include "engine/side_runs.hpp"
#include "engine/tree_plan.hpp"
#include "fusion/fusion.hpp"

namespace braid::engine {

namespace {

// A single-sided hit: the side's score is its normalized score and its whole contribution.
SideContribution single_side(std::size_t rank, const ScoredDoc& doc) {
    return SideContribution{static_cast<std::uint32_t>(rank), doc.score, doc.score, doc.score};
}

Hit make_hit(const CollectionView& view, const SearchPlan& plan, DocOrdinal doc, double score) {
    Hit hit;
    hit.id = view.store.id(doc);
    hit.score = score;
    hit.document = document_text(DocumentSource{view.store, view.dense, view.vector_field}, doc, plan.document);
    return hit;
}

// Room for the hits [offset, end) of `found`: one allocation instead of one per doubling.
void reserve_hits(SearchResponse& response, std::size_t offset, std::size_t end, std::size_t found) {
    response.hits.reserve(std::min(end, found) - std::min(offset, found));
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
    drop_below(lexical_hits, plan.min_score.lexical);
    drop_below(dense_hits, plan.min_score.dense);

    const std::size_t end = plan.offset + plan.k;
    if (plan.kind == PlanKind::hybrid) {
        const auto by_id = [&](DocOrdinal a, DocOrdinal b) { return view.store.id(a) < view.store.id(b); };
        clock = std::chrono::steady_clock::now();
        // Only the page's end is ranked: min_score.fused drops a tail of the ranking, so the page
        // of the best `end` is the page of the whole.
        auto fused = fusion::fuse(lexical_hits, dense_hits, *plan.fusion, by_id, end);
        drop_below(fused, plan.min_score.fused);
        add_elapsed(response.stages.fusion_ms, clock);
        clock = std::chrono::steady_clock::now();
        reserve_hits(response, plan.offset, end, fused.size());
        for (std::size_t i = plan.offset; i < std::min(end, fused.size()); ++i) {
            Hit hit = make_hit(view, plan, fused[i].doc, fused[i].score);
            hit.lexical = fused[i].lexical;
            hit.dense = fused[i].dense;
            if (plan.explain) hit.explanation = explain_hit(view, plan, fused[i].doc);
            response.hits.push_back(std::move(hit));
        }
        add_elapsed(response.stages.fetch_ms, clock);
        response.fusion = plan.fusion;
    } else {
        clock = std::chrono::steady_clock::now();
        auto& hits = lexical_side ? lexical_hits : dense_hits;
        drop_below(hits, plan.min_score.fused);
        reserve_hits(response, plan.offset, end, hits.size());
        for (std::size_t i = plan.offset; i < std::min(end, hits.size()); ++i) {
            Hit hit = make_hit(view, plan, hits[i].doc, hits[i].score);
            (lexical_side ? hit.lexical : hit.dense) = single_side(i + 1, hits[i]);
            if (plan.explain && lexical_side) hit.explanation = explain_hit(view, plan, hits[i].doc);
            response.hits.push_back(std::move(hit));
        }
        add_elapsed(response.stages.fetch_ms, clock);
    }

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
