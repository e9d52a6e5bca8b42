#include "engine/search_plan.hpp"

#include "core/error.hpp"
#include "dense/vector_index.hpp"
#include "engine/schema.hpp"
#include "engine/tree_plan.hpp"

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
                             const std::string& query, std::size_t max_terms) {
    lexical::FieldQuery q{field, boost, {}};
    auto tokens = analyzer.analyze(query);
    if (max_terms > 0 && tokens.size() > max_terms)
        invalid("too_many_query_terms", "query",
                "the query has " + std::to_string(tokens.size()) + " terms once analyzed, more than the limit of " +
                    std::to_string(max_terms) + " (server.max_query_terms)");
    q.terms.reserve(tokens.size());
    for (auto& token : tokens) q.terms.push_back(std::move(token.text));
    return q;
}

lexical::FieldAnalyzer field_analyzer(const std::string& field, float boost, const DocumentParser& parser,
                                      const std::string& analyzed_as) {
    lexical::FieldAnalyzer out;
    out.target.field = field;
    out.target.boost = boost;
    out.analyzer = parser.analyzer(analyzed_as).get();  // the parser owns it for the collection's life
    return out;
}

void plan_lexical(const config::CollectionConfig& schema, const DocumentParser& parser, const SearchRequest& request,
                  SearchPlan& plan) {
    if (parser.text_fields().empty())
        invalid("invalid_query", "query",
                "collection \"" + schema.name +
                    "\" has no text fields, so it has no lexical index: a lexical or hybrid search needs a text "
                    "field; search it with \"vector\" alone");
    plan.lexical.op = request.op == MatchOperator::all ? lexical::Operator::all : lexical::Operator::any;
    std::vector<lexical::FieldAnalyzer> analyzers;
    if (request.fields.empty()) {
        const auto& first = parser.text_fields().front();
        plan.lexical.fields.push_back(analyzed(std::string(lexical::kCombinedField), *parser.analyzer(first), 1.0f,
                                               *request.query, request.max_query_terms));
        analyzers.push_back(field_analyzer(std::string(lexical::kCombinedField), 1.0f, parser, first));
        plan.tree = plan_tree(request, analyzers, plan.lexical.fields);
        return;
    }
    for (const auto& [name, boost] : request.fields) {
        const std::string path = "fields." + name;
        const config::FieldConfig* field = schema.field(name);
        if (!field)
            invalid("unknown_field", path,
                    "unknown field \"" + name + "\"; text fields: " + joined(parser.text_fields()));
        if (!is_text(*field))
            invalid("unknown_field", path,
                    "\"" + name + "\" is a " + std::string(config::field_type_name(field->type)) +
                        " field; only text fields are searched (text fields: " + joined(parser.text_fields()) + ")");
        // The boost's rule is the lexical module's (lexical::check_boost): http applies it as it
        // reads the request, the lexical index as it plans the query; no copy of it lives here.
        plan.lexical.fields.push_back(
            analyzed(name, *parser.analyzer(name), static_cast<float>(boost), *request.query,
                     request.max_query_terms));
        analyzers.push_back(field_analyzer(name, static_cast<float>(boost), parser, name));
    }
    plan.tree = plan_tree(request, analyzers, plan.lexical.fields);
}

void check_ef_search(int ef_search) {
    if (ef_search <= 0) invalid("invalid_request", "ef_search", "must be a positive integer");
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
        check_ef_search(*request.ef_search);
        plan.ef_search = *request.ef_search;
    }
}

}  // namespace

SearchPlan plan_search(const config::CollectionConfig& schema, const DocumentParser& parser,
                       const SearchRequest& request) {
    check_has_query_or_vector(request);
    SearchPlan plan;
    plan.kind = request.query && request.vector ? PlanKind::hybrid
                : request.query                 ? PlanKind::lexical
                                                : PlanKind::dense;
    plan.k = request.k;
    plan.offset = request.offset;
    plan.explain = request.explain;
    plan.document = request.document;
    plan.min_score = request.min_score;
    plan.facets = request.facets;
    plan.total = request.total;
    if (request.min_score.lexical && !request.query)
        invalid("invalid_request", "min_score.lexical", "needs a \"query\" (the lexical side)");
    if (request.min_score.dense && !request.vector)
        invalid("invalid_request", "min_score.dense", "needs a \"vector\" (the dense side)");
    if (request.query) plan_lexical(schema, parser, request, plan);
    else if (!request.fields.empty())
        invalid("invalid_query", "fields", "\"fields\" needs a \"query\"");
    if (request.vector) plan_dense(schema, request, plan);
    else if (request.ef_search)
        check_ef_search(*request.ef_search);

    plan.candidates = plan.offset + plan.k;
    if (plan.kind == PlanKind::hybrid) {
        // The parameters' rules are fusion's (fusion::check, applied by http as it reads them and by
        // fusion as it runs); here the window is only widened to cover the page.
        plan.fusion = request.fusion.value_or(fusion::RrfParams{});
        fusion::cover(*plan.fusion, plan.candidates);
        plan.candidates = fusion::window(*plan.fusion);
    }
    return plan;
}

}  // namespace braid::engine
