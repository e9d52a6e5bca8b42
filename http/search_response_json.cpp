#include "http/search_response_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "core/json_text.hpp"
#include "http/facets_json.hpp"
#include "http/highlight_json.hpp"

#include "http/fusion_json.hpp"
#include "http/inference_json.hpp"

namespace braid::http {
namespace {

namespace json = boost::json;

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
    if (!term.clause.empty()) out["clause"] = term.clause;
    if (term.phrase_freq) out["phrase_freq"] = *term.phrase_freq;
    if (!term.field_parts.empty()) {
        json::array parts;
        for (const auto& part : term.field_parts)
            parts.push_back(json::object{{"field", part.field}, {"tf", part.tf}, {"field_length", part.field_length}});
        out["fields"] = std::move(parts);
    }
    return out;
}

void append_side(std::string& out, const char* name, const engine::SideContribution& side, bool explain) {
    out += ",\"";
    out += name;
    out += "\":{\"rank\":";
    out += std::to_string(side.rank);
    out += ",\"score\":";
    append_number_text(out, side.score);
    if (explain) {
        out += ",\"normalized\":";
        append_number_text(out, side.normalized);
        out += ",\"contribution\":";
        append_number_text(out, side.contribution);
    }
    out += '}';
}

// Written by hand around the stored document's bytes, which are spliced in as they are.
void append_hit(std::string& out, const engine::Hit& hit, bool explain) {
    out += "{\"id\":";
    append_json_string(out, hit.id);
    out += ",\"score\":";
    append_number_text(out, hit.score);
    out += ",\"document\":";
    out += hit.document;
    if (hit.lexical) append_side(out, "lexical", *hit.lexical, explain);
    if (hit.dense) append_side(out, "dense", *hit.dense, explain);
    if (hit.rerank) {
        out += ",\"rerank\":";
        append_json_text(out, rerank_json(*hit.rerank));
    }
    if (hit.highlight) append_highlight(out, *hit.highlight);
    if (explain && hit.explanation) {
        json::array terms;
        for (const auto& term : hit.explanation->terms) terms.push_back(term_json(term));
        out += ",\"explanation\":";
        append_json_text(out, json::object{{"terms", std::move(terms)}});
    }
    out += '}';
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
        if (explain.query_clauses) {
            json::array groups;
            for (const auto& group : *explain.query_clauses) {
                json::array labels;
                for (const auto& label : group) labels.emplace_back(label);
                groups.push_back(std::move(labels));
            }
            out["query_clauses"] = std::move(groups);
        }
        if (explain.minimum_should_match) out["minimum_should_match"] = *explain.minimum_should_match;
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

std::string search_response_text(const engine::SearchResponse& response) {
    const bool explain = response.explain.has_value();
    std::size_t size = 64;
    for (const auto& hit : response.hits) size += hit.document.size() + hit.id.size() + 160;
    std::string out;
    out.reserve(size);
    out += "{\"hits\":[";
    for (std::size_t i = 0; i < response.hits.size(); ++i) {
        if (i) out += ',';
        append_hit(out, response.hits[i], explain);
    }
    out += "],\"fusion\":";
    if (response.fusion) append_json_text(out, fusion_json(*response.fusion));
    else out += "null";
    if (explain) {
        out += ",\"explain\":";
        append_json_text(out, explanation_json(*response.explain));
    }
    append_totals_and_facets(out, response);
    json::object inference;  // mode, degraded, rerank, took
    write_inference_members(response, inference);
    for (const auto& member : inference) {
        out += ',';
        append_json_string(out, member.key());
        out += ':';
        append_json_text(out, member.value());
    }
    out += ",\"took_ms\":";
    append_number_text(out, response.took_ms);
    out += '}';
    return out;
}

json::value to_json(const engine::SearchResponse& response) { return json::parse(search_response_text(response)); }

}  // namespace braid::http
