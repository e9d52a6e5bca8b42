#include "http/search_response_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace braid::http {
namespace {

namespace json = boost::json;

json::object side_json(const engine::SideResult& side, bool explain) {
    json::object out;
    out["rank"] = side.rank;
    out["score"] = side.score;
    if (explain) {
        out["normalized"] = side.normalized;
        out["contribution"] = side.contribution;
    }
    return out;
}

json::object term_json(const engine::TermBreakdown& term) {
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
    if (explain && hit.explanation) {
        json::array terms;
        for (const auto& term : hit.explanation->terms) terms.push_back(term_json(term));
        json::object explanation;
        explanation["terms"] = std::move(terms);
        out["explanation"] = std::move(explanation);
    }
    return out;
}

}  // namespace

json::value to_json(const engine::SearchResponse& response, bool explain) {
    json::array hits;
    hits.reserve(response.hits.size());
    for (const auto& hit : response.hits) hits.push_back(hit_json(hit, explain));
    json::object out;
    out["hits"] = std::move(hits);
    out["fusion"] = response.fusion;
    if (explain && response.explain) out["explain"] = *response.explain;
    out["took_ms"] = response.took_ms;
    return out;
}

}  // namespace braid::http
