#include "engine/searcher.hpp"

#include <algorithm>
#include <chrono>

#include <boost/json/parse.hpp>

#include "fusion/fusion.hpp"

namespace braid::engine {

namespace {

std::vector<ScoredDoc> run_lexical(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed) {
    lexical::LexicalQuery query = plan.lexical;
    query.k = plan.candidates;
    query.allowed = allowed;
    return view.lexical.search(query);  // checks the query (fields, boosts) even when k is 0
}

std::vector<ScoredDoc> run_dense(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed,
                                 std::optional<DenseRunExplanation>& explanation) {
    dense::DenseQuery query;
    query.vector = plan.vector;
    query.k = plan.candidates;
    query.ef_search = plan.ef_search;
    query.allowed = allowed;
    dense::DenseResult result = view.dense->search(query);
    explanation = DenseRunExplanation{result.exact, result.ef_search,
                                      allowed ? std::optional<std::size_t>(result.allowed_count) : std::nullopt,
                                      result.hits.size()};
    return std::move(result.hits);
}

// A single-sided hit: the side's score is its normalized score and its whole contribution.
SideContribution single_side(std::size_t rank, const ScoredDoc& doc) {
    return SideContribution{static_cast<std::uint32_t>(rank), doc.score, doc.score, doc.score};
}

Hit make_hit(const CollectionView& view, DocOrdinal doc, double score) {
    Hit hit;
    hit.id = view.store.id(doc);
    hit.score = score;
    hit.document = boost::json::parse(view.store.json(doc));
    return hit;
}

// Milliseconds since `start`, and restarts it.
double lap_ms(std::chrono::steady_clock::time_point& start) {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - start).count();
    start = now;
    return ms;
}

HitExplanation explain_hit(const CollectionView& view, const SearchPlan& plan, DocOrdinal doc) {
    return HitExplanation{view.lexical.explain(plan.lexical, doc)};
}

}  // namespace

SearchResponse execute_search(const CollectionView& view, const SearchPlan& plan,
                              const std::vector<FilterClause>& filter) {
    SearchResponse response;
    auto clock = std::chrono::steady_clock::now();  // the filter's time counts in the first side that runs
    std::optional<Bitset> allowed;
    if (!filter.empty()) {
        view.filters.validate(filter);
        allowed = view.filters.evaluate(filter, view.store.live());
    }
    const Bitset* allowed_ptr = allowed ? &*allowed : nullptr;
    const bool lexical_side = plan.kind != PlanKind::dense;
    const bool dense_side = plan.kind != PlanKind::lexical;

    std::vector<ScoredDoc> lexical_hits, dense_hits;
    std::optional<DenseRunExplanation> dense_run;
    if (lexical_side) {
        lexical_hits = run_lexical(view, plan, allowed_ptr);
        response.stages.lexical_ms = lap_ms(clock);
    }
    if (dense_side && plan.candidates > 0) {
        dense_hits = run_dense(view, plan, allowed_ptr, dense_run);
        response.stages.dense_ms = lap_ms(clock);
    }

    const std::size_t end = plan.offset + plan.k;
    if (plan.kind == PlanKind::hybrid) {
        const auto by_id = [&](DocOrdinal a, DocOrdinal b) { return view.store.id(a) < view.store.id(b); };
        const auto fused = fusion::fuse(lexical_hits, dense_hits, *plan.fusion, by_id);
        response.stages.fusion_ms = lap_ms(clock);
        for (std::size_t i = plan.offset; i < std::min(end, fused.size()); ++i) {
            Hit hit = make_hit(view, fused[i].doc, fused[i].score);
            hit.lexical = fused[i].lexical;
            hit.dense = fused[i].dense;
            if (plan.explain) hit.explanation = explain_hit(view, plan, fused[i].doc);
            response.hits.push_back(std::move(hit));
        }
        response.fusion = plan.fusion;
    } else {
        const auto& hits = lexical_side ? lexical_hits : dense_hits;
        for (std::size_t i = plan.offset; i < std::min(end, hits.size()); ++i) {
            Hit hit = make_hit(view, hits[i].doc, hits[i].score);
            (lexical_side ? hit.lexical : hit.dense) = single_side(i + 1, hits[i]);
            if (plan.explain && lexical_side) hit.explanation = explain_hit(view, plan, hits[i].doc);
            response.hits.push_back(std::move(hit));
        }
    }

    response.stages.fetch_ms = lap_ms(clock);

    if (plan.explain) {
        SearchExplanation explain;
        explain.plan = plan.kind;
        if (lexical_side) {
            explain.query_tokens = plan.lexical.fields;
            explain.lexical = LexicalRunExplanation{plan.lexical.op, lexical_hits.size()};
        }
        explain.dense = dense_run;
        if (allowed) explain.filter_allowed_count = allowed->count();
        response.explain = std::move(explain);
    }
    return response;
}

}  // namespace braid::engine
