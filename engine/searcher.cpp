#include "engine/searcher.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>

#include "fusion/fusion.hpp"

namespace braid::engine {

namespace {

struct SideRun {
    std::vector<ScoredDoc> hits;
    boost::json::object explain;
};

SideRun run_lexical(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed) {
    lexical::LexicalQuery query = plan.lexical;
    query.k = plan.candidates;
    query.allowed = allowed;
    SideRun run{view.lexical.search(query), {}};
    run.explain["operator"] = plan.lexical.op == lexical::Operator::all ? "and" : "or";
    run.explain["candidates"] = run.hits.size();
    return run;
}

SideRun run_dense(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed) {
    dense::DenseQuery query;
    query.vector = plan.vector;
    query.k = plan.candidates;
    query.ef_search = plan.ef_search;
    query.allowed = allowed;
    dense::DenseResult result = view.dense->search(query);
    SideRun run{std::move(result.hits), {}};
    run.explain["mode"] = result.exact ? "exact" : "hnsw";
    run.explain["ef_search"] = result.ef_search;
    if (allowed) run.explain["allowed_count"] = result.allowed_count;
    run.explain["candidates"] = run.hits.size();
    return run;
}

SideResult single_side(std::size_t rank, const ScoredDoc& doc) {
    return SideResult{static_cast<std::uint32_t>(rank), doc.score, doc.score, doc.score};
}

std::optional<SideResult> side(const std::optional<fusion::SideContribution>& c) {
    if (!c) return std::nullopt;
    return SideResult{c->rank, c->score, c->normalized, c->contribution};
}

Hit make_hit(const CollectionView& view, DocOrdinal doc, double score) {
    Hit hit;
    hit.id = view.store.id(doc);
    hit.score = score;
    hit.document = boost::json::parse(view.store.json(doc));
    return hit;
}

HitExplanation explain_hit(const CollectionView& view, const SearchPlan& plan, DocOrdinal doc) {
    HitExplanation out;
    for (const auto& t : view.lexical.explain(plan.lexical, doc))
        out.terms.push_back(TermBreakdown{t.field, t.term, t.tf, t.df, t.field_length, t.idf, t.avg_field_length,
                                          t.boost, t.score});
    return out;
}

}  // namespace

SearchResponse execute_search(const CollectionView& view, const SearchPlan& plan,
                              const std::vector<FilterClause>& filter) {
    SearchResponse response;
    std::optional<Bitset> allowed;
    if (!filter.empty()) {
        view.filters.validate(filter);
        allowed = view.filters.evaluate(filter, view.store.live());
    }
    const Bitset* allowed_ptr = allowed ? &*allowed : nullptr;
    const bool lexical_side = plan.kind != PlanKind::dense;
    const bool dense_side = plan.kind != PlanKind::lexical;

    SideRun lexical_run, dense_run;
    if (lexical_side && plan.candidates > 0) lexical_run = run_lexical(view, plan, allowed_ptr);
    if (dense_side && plan.candidates > 0) dense_run = run_dense(view, plan, allowed_ptr);

    const std::size_t end = plan.offset + plan.k;
    if (plan.kind == PlanKind::hybrid) {
        const auto by_id = [&](DocOrdinal a, DocOrdinal b) { return view.store.id(a) < view.store.id(b); };
        const auto fused = plan.fusion->method == FusionSettings::Method::rrf
                               ? fusion::rrf(lexical_run.hits, dense_run.hits, plan.fusion->rrf, by_id)
                               : fusion::linear(lexical_run.hits, dense_run.hits, plan.fusion->linear, by_id);
        for (std::size_t i = plan.offset; i < std::min(end, fused.size()); ++i) {
            Hit hit = make_hit(view, fused[i].doc, fused[i].score);
            hit.lexical = side(fused[i].lexical);
            hit.dense = side(fused[i].dense);
            if (plan.explain) hit.explanation = explain_hit(view, plan, fused[i].doc);
            response.hits.push_back(std::move(hit));
        }
        response.fusion = plan.fusion->echo();
    } else {
        const auto& hits = lexical_side ? lexical_run.hits : dense_run.hits;
        for (std::size_t i = plan.offset; i < std::min(end, hits.size()); ++i) {
            Hit hit = make_hit(view, hits[i].doc, hits[i].score);
            (lexical_side ? hit.lexical : hit.dense) = single_side(i + 1, hits[i]);
            if (plan.explain && lexical_side) hit.explanation = explain_hit(view, plan, hits[i].doc);
            response.hits.push_back(std::move(hit));
        }
        response.fusion = nullptr;
    }

    if (plan.explain) {
        boost::json::object explain;
        explain["plan"] = plan_name(plan.kind);
        if (lexical_side) {
            explain["query_tokens"] = plan.query_tokens;
            explain["lexical"] = std::move(lexical_run.explain);
        }
        if (dense_side) explain["dense"] = std::move(dense_run.explain);
        if (allowed) explain["filter"] = boost::json::object{{"allowed_count", allowed->count()}};
        response.explain = std::move(explain);
    }
    return response;
}

}  // namespace braid::engine
