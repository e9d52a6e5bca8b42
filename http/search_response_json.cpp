#include "http/search_response_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/fusion_json.hpp"
#include "http/inference_json.hpp"

namespace braid::http {
namespace {

namespace json = boost::json;

json::object side_json(const engine::SideContribution& side, bool explain) {
    json::object out;
    out["rank"] = side.rank;
    out["score"] = side.score;
    if (explain) {
        out["normalized"] = side.normalized;
        out["contribution"] = side.contribution;
    }
    return out;
}

json::object term_json(const engine::TermExplanation& term) {
    json::object out;
    out["field"] = term.field;
    out["term"] = term.term;
    out["tf"] = term.tf;
    out["df"] = term.df;
    out["idf"] = term.idf;
    out["field_length"] = term.field_length;
    out["avg_field_length"] = term.avg_field_length;
    out["boost"] = term.boost;
    out["score"] = term.score;
    return out;
}

json::object hit_json(const engine::Hit& hit, bool explain) {
    json::object out;
    out["id"] = hit.id;
    out["score"] = hit.score;
    out["document"] = hit.document;
    if (hit.lexical) out["lexical"] = side_json(*hit.lexical, explain);
    if (hit.dense) out["dense"] = side_json(*hit.dense, explain);
    if (hit.rerank) out["rerank"] = rerank_json(*hit.rerank);
    if (explain && hit.explanation) {
        json::array terms;
        for (const auto& term : hit.explanation->terms) terms.push_back(term_json(term));
        json::object explanation;
        explanation["terms"] = std::move(terms);
        out["explanation"] = std::move(explanation);
    }
    return out;
}

const char* plan_name(engine::PlanKind kind) {
    switch (kind) {
        case engine::PlanKind::lexical: return "lexical";
        case engine::PlanKind::dense: return "dense";
        case engine::PlanKind::hybrid: return "hybrid";
    }
    return "lexical";
}

json::object explanation_json(const engine::SearchExplanation& explain) {
    json::object out;
    out["plan"] = plan_name(explain.plan);
    if (explain.lexical) {
        json::object tokens;
        for (const auto& field : explain.query_tokens) {
            json::array listed;
            for (const auto& term : field.terms) listed.emplace_back(term);
            tokens[field.field] = std::move(listed);
        }
        out["query_tokens"] = std::move(tokens);
        json::object lexical;
        lexical["operator"] = explain.lexical->op == engine::MatchOperator::all ? "and" : "or";
        lexical["candidates"] = explain.lexical->candidates;
        out["lexical"] = std::move(lexical);
    }
    if (explain.dense) {
        json::object dense;
        dense["mode"] = explain.dense->exact ? "exact" : "hnsw";
        dense["ef_search"] = explain.dense->ef_search;
        if (explain.dense->allowed_count) dense["allowed_count"] = *explain.dense->allowed_count;
        dense["candidates"] = explain.dense->candidates;
        out["dense"] = std::move(dense);
    }
    if (explain.filter_allowed_count) out["filter"] = json::object{{"allowed_count", *explain.filter_allowed_count}};
    return out;
}

}  // namespace

json::value to_json(const engine::SearchResponse& response) {
    const bool explain = response.explain.has_value();
    json::array hits;
    hits.reserve(response.hits.size());
    for (const auto& hit : response.hits) hits.push_back(hit_json(hit, explain));
    json::object out;
    out["hits"] = std::move(hits);
    out["fusion"] = response.fusion ? json::value(fusion_json(*response.fusion)) : json::value(nullptr);
    if (explain) out["explain"] = explanation_json(*response.explain);
    write_inference_members(response, out);
    out["took_ms"] = response.took_ms;
    return out;
}

}  // namespace braid::http
