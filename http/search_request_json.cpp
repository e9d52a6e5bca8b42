#include <limits>
#include "http/search_request_json.hpp"

#include <cmath>

#include <boost/json/object.hpp>

#include "config/json_kit.hpp"
#include "core/error.hpp"
#include "http/fusion_json.hpp"
#include "http/facets_json.hpp"
#include "http/highlight_json.hpp"
#include "http/inference_json.hpp"
#include "http/json_body.hpp"
#include "http/min_score_json.hpp"
#include "http/query_syntax_json.hpp"

namespace braid::http {
namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& path, const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + message, path);
}

std::size_t read_count(const json::value& value, const std::string& path, std::int64_t min,
                       std::size_t max) {
    return static_cast<std::size_t>(expect_integer(value, path, min, static_cast<std::int64_t>(max)));
}

std::vector<float> read_vector(const json::value& value, const std::string& path) {
    if (!value.is_array()) invalid(path, "expected an array of numbers, got " + describe(value));
    const auto& array = value.get_array();
    if (array.empty()) invalid(path, "expected a non-empty array of numbers");
    std::vector<float> vector;
    vector.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        // The element's JSON path is only built for an error message (a per-element string
        // made a 256-d request cost tens of microseconds).
        const json::value& element = array[i];
        double x = 0;
        if (element.is_double()) x = element.get_double();
        else if (element.is_int64()) x = static_cast<double>(element.get_int64());
        else if (element.is_uint64()) x = static_cast<double>(element.get_uint64());
        if (!element.is_number() || !std::isfinite(x))
            x = expect_number(element, config::json_kit::element_path(path, i));  // throws
        vector.push_back(static_cast<float>(x));
    }
    return vector;
}

std::vector<std::string> read_member_names(const json::value& value, const std::string& path) {
    if (!value.is_array()) invalid(path, "expected an array of field names, got " + describe(value));
    std::vector<std::string> names;
    const auto& array = value.get_array();
    for (std::size_t i = 0; i < array.size(); ++i)
        names.push_back(expect_string(array[i], config::json_kit::element_path(path, i)));
    return names;
}

std::vector<std::pair<std::string, double>> read_fields(const json::value& value,
                                                        const std::string& path) {
    const auto& object = expect_object(value, path);
    std::vector<std::pair<std::string, double>> fields;
    for (const auto& member : object) {
        const std::string member_path = join_path(path, member.key());
        const double boost = expect_number(member.value(), member_path);
        engine::check_boost(member.key(), boost);  // the lexical module's rule
        fields.emplace_back(std::string(member.key()), boost);
    }
    if (fields.empty()) invalid(path, "expected at least one field");
    return fields;
}

engine::FilterValue read_filter_value(const json::value& value, const std::string& path) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_bool()) return value.get_bool();
    if (value.is_int64()) return value.get_int64();
    if (value.is_uint64()) {
        if (value.get_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
            invalid(path, "integer out of range");
        }
        return static_cast<std::int64_t>(value.get_uint64());
    }
    if (value.is_double()) return expect_number(value, path);
    invalid(path, "expected a string, number or boolean, got " + describe(value));
}

engine::RangeBounds read_range(const json::object& object, const std::string& path) {
    reject_unknown_members(object, {"gt", "gte", "lt", "lte"}, path);
    if (object.empty()) invalid(path, "expected a range with gt, gte, lt or lte");
    engine::RangeBounds range;
    if (auto* v = object.if_contains("gt")) range.gt = expect_number(*v, join_path(path, "gt"));
    if (auto* v = object.if_contains("gte")) range.gte = expect_number(*v, join_path(path, "gte"));
    if (auto* v = object.if_contains("lt")) range.lt = expect_number(*v, join_path(path, "lt"));
    if (auto* v = object.if_contains("lte")) range.lte = expect_number(*v, join_path(path, "lte"));
    return range;
}

std::vector<engine::FilterClause> read_filter(const json::value& value, const std::string& path) {
    const auto& object = expect_object(value, path);
    std::vector<engine::FilterClause> clauses;
    for (const auto& member : object) {
        const std::string member_path = join_path(path, member.key());
        engine::FilterClause clause;
        clause.field = member.key();
        const json::value& condition = member.value();
        if (condition.is_object()) {
            clause.range = read_range(condition.get_object(), member_path);
        } else if (condition.is_array()) {
            const auto& values = condition.get_array();
            if (values.empty()) invalid(member_path, "expected at least one value");
            for (std::size_t i = 0; i < values.size(); ++i) {
                clause.any_of.push_back(
                    read_filter_value(values[i], config::json_kit::element_path(member_path, i)));
            }
        } else {
            clause.any_of.push_back(read_filter_value(condition, member_path));
        }
        clauses.push_back(std::move(clause));
    }
    return clauses;
}

}  // namespace

engine::SearchRequest parse_search_request(const json::value& body, const SearchLimits& limits,
                                           std::optional<std::vector<float>> vector) {
    const auto& object = expect_object(body, "");
    reject_unknown_members(object,
                           {"query", "vector", "fields", "filter", "operator", "k", "offset",
                            "fusion", "ef_search", "explain", "include_vector", "include", "exclude", "syntax",
                            "minimum_should_match", "fuzziness", "prefix_length", "max_expansions", "min_score",
                            "mode", "on_embedder_error", "rerank", "highlight", "collapse", "min_sequence", "facets", "total",
                            "allow_partial"},
                           "");
    engine::SearchRequest request;
    request.max_query_terms = limits.max_query_terms;
    if (auto* query = object.if_contains("query")) request.query = expect_string(*query, "query");
    if (auto* member = object.if_contains("vector"))
        request.vector = vector ? std::move(*vector) : read_vector(*member, "vector");
    engine::check_has_query_or_vector(request);
    if (auto* fields = object.if_contains("fields")) request.fields = read_fields(*fields, "fields");
    if (auto* filter = object.if_contains("filter")) request.filter = read_filter(*filter, "filter");
    if (auto* op = object.if_contains("operator")) {
        const std::string name = expect_string(*op, "operator");
        if (name == "or") request.op = engine::MatchOperator::any;
        else if (name == "and") request.op = engine::MatchOperator::all;
        else invalid("operator", "expected \"and\" or \"or\", got " + describe(*op));
    }
    read_query_syntax(object, request);
    if (auto* min_score = object.if_contains("min_score")) request.min_score = read_min_score(*min_score);
    if (auto* k = object.if_contains("k")) request.k = read_count(*k, "k", 1, limits.max_k);
    if (auto* offset = object.if_contains("offset")) {
        request.offset = read_count(*offset, "offset", 0, limits.max_offset);
    }
    if (auto* fusion = object.if_contains("fusion")) {
        if (!fusion->is_null()) request.fusion = read_fusion(*fusion, limits.max_window);
    }
    if (auto* ef = object.if_contains("ef_search")) {
        request.ef_search = static_cast<int>(expect_integer(
            *ef, "ef_search", 1, static_cast<std::int64_t>(limits.max_window)));
    }
    if (auto* min_sequence = object.if_contains("min_sequence")) {
        request.min_sequence = static_cast<std::uint64_t>(
            expect_integer(*min_sequence, "min_sequence", 0, std::numeric_limits<std::int64_t>::max()));
    }
    if (auto* explain = object.if_contains("explain")) request.explain = expect_bool(*explain, "explain");
    if (auto* with_vector = object.if_contains("include_vector"))
        request.document.include_vector = expect_bool(*with_vector, "include_vector");
    if (auto* include = object.if_contains("include"))
        request.document.fields.include = read_member_names(*include, "include");
    if (auto* exclude = object.if_contains("exclude"))
        request.document.fields.exclude = read_member_names(*exclude, "exclude");
    read_inference_members(object, request, limits.max_window);
    if (auto* highlight = object.if_contains("highlight")) request.highlight = read_highlight(*highlight);
    if (auto* collapse = object.if_contains("collapse")) request.collapse = expect_string(*collapse, "collapse");
    if (auto* facets = object.if_contains("facets")) request.facets = read_facets(*facets);
    if (auto* total = object.if_contains("total")) request.total = expect_bool(*total, "total");
    if (auto* allow_partial = object.if_contains("allow_partial"))
        request.allow_partial = expect_bool(*allow_partial, "allow_partial");
    return request;
}

}  // namespace braid::http
