#include "engine/search_plan.hpp"

#include <cmath>

#include "core/error.hpp"
#include "dense/vector_index.hpp"
#include "engine/schema.hpp"

namespace braid::engine {

namespace {

[[noreturn]] void invalid(const std::string& type, const std::string& path, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, type, path.empty() ? what : path + ": " + what, path);
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

lexical::FieldQuery analyzed(const std::string& field, const analyzers::Analyzer& analyzer, float boost,
                             const std::string& query, boost::json::object& tokens) {
    lexical::FieldQuery q{field, boost, {}};
    boost::json::array listed;
    for (auto& token : analyzer.analyze(query)) {
        listed.emplace_back(token.text);
        q.terms.push_back(std::move(token.text));
    }
    tokens[field] = std::move(listed);
    return q;
}

void plan_lexical(const config::CollectionConfig& schema, const DocumentParser& parser, const SearchRequest& request,
                  SearchPlan& plan) {
    if (parser.text_fields().empty())
        invalid("invalid_query", "query", "collection \"" + schema.name + "\" has no text fields to search");
    plan.lexical.op = request.op == MatchOperator::all ? lexical::Operator::all : lexical::Operator::any;
    if (request.fields.empty()) {
        const auto& first = parser.text_fields().front();
        plan.lexical.fields.push_back(analyzed(std::string(lexical::kCombinedField), *parser.analyzer(first), 1.0f,
                                               *request.query, plan.query_tokens));
        return;
    }
    for (const auto& [name, boost] : request.fields) {
        const std::string path = "fields." + name;
        const config::FieldConfig* field = schema.field(name);
        if (!field)
            invalid("invalid_query", path,
                    "unknown field \"" + name + "\"; text fields: " + joined(parser.text_fields()));
        if (!is_text(*field))
            invalid("invalid_query", path,
                    "\"" + name + "\" is a " + std::string(config::field_type_name(field->type)) +
                        " field; only text fields are searched (text fields: " + joined(parser.text_fields()) + ")");
        if (!std::isfinite(boost) || boost < 0) invalid("invalid_query", path, "the boost must be a number >= 0");
        plan.lexical.fields.push_back(
            analyzed(name, *parser.analyzer(name), static_cast<float>(boost), *request.query, plan.query_tokens));
    }
}

void plan_dense(const config::CollectionConfig& schema, const SearchRequest& request, SearchPlan& plan) {
    if (!schema.vector)
        invalid("invalid_vector", "vector", "collection \"" + schema.name + "\" has no vector field");
    try {
        dense::validate_vector(*request.vector, schema.vector->dimension, vector_spec(*schema.vector).metric);
    } catch (const Error& e) {
        invalid("invalid_vector", "vector", e.what());
    }
    plan.vector = *request.vector;
    if (request.ef_search) {
        if (*request.ef_search <= 0) invalid("invalid_query", "ef_search", "must be a positive integer");
        plan.ef_search = *request.ef_search;
    }
}

}  // namespace

std::string plan_name(PlanKind kind) {
    switch (kind) {
        case PlanKind::lexical: return "lexical";
        case PlanKind::dense: return "dense";
        case PlanKind::hybrid: return "hybrid";
    }
    return "lexical";
}

SearchPlan plan_search(const config::CollectionConfig& schema, const DocumentParser& parser,
                       const SearchRequest& request) {
    if (!request.query && !request.vector)
        invalid("invalid_query", "", "a search needs \"query\", \"vector\", or both");
    SearchPlan plan;
    plan.kind = request.query && request.vector ? PlanKind::hybrid
                : request.query                 ? PlanKind::lexical
                                                : PlanKind::dense;
    plan.k = request.k;
    plan.offset = request.offset;
    plan.explain = request.explain;
    if (request.query) plan_lexical(schema, parser, request, plan);
    else if (!request.fields.empty())
        invalid("invalid_query", "fields", "\"fields\" needs a \"query\"");
    if (request.vector) plan_dense(schema, request, plan);
    else if (request.ef_search && *request.ef_search <= 0)
        invalid("invalid_query", "ef_search", "must be a positive integer");

    plan.candidates = plan.offset + plan.k;
    if (plan.kind == PlanKind::hybrid) {
        plan.fusion = resolve_fusion(request.fusion);
        plan.fusion->cover(plan.candidates);
        plan.candidates = plan.fusion->window();
    }
    return plan;
}

}  // namespace braid::engine
