#include "http/search_request_json.hpp"

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "http/json_body.hpp"

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
        vector.push_back(static_cast<float>(
            expect_number(array[i], path + "[" + std::to_string(i) + "]")));
    }
    return vector;
}

std::vector<std::pair<std::string, double>> read_fields(const json::value& value,
                                                        const std::string& path) {
    const auto& object = expect_object(value, path);
    std::vector<std::pair<std::string, double>> fields;
    for (const auto& member : object) {
        const std::string member_path = join_path(path, member.key());
        const double boost = expect_number(member.value(), member_path);
        if (boost < 0) invalid(member_path, "a boost must be zero or positive");
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
                    read_filter_value(values[i], member_path + "[" + std::to_string(i) + "]"));
            }
        } else {
            clause.any_of.push_back(read_filter_value(condition, member_path));
        }
        clauses.push_back(std::move(clause));
    }
    return clauses;
}

double read_non_negative(const json::value& value, const std::string& path) {
    const double number = expect_number(value, path);
    if (number < 0) invalid(path, "expected a number >= 0, got " + describe(value));
    return number;
}

engine::FusionRequest read_fusion(const json::value& value, const std::string& path,
                                  const SearchLimits& limits) {
    const auto& object = expect_object(value, path);
    engine::FusionRequest fusion;
    if (auto* method = object.if_contains("method")) {
        fusion.method = expect_string(*method, join_path(path, "method"));
    }
    if (auto* window = object.if_contains("window")) {
        fusion.window = read_count(*window, join_path(path, "window"), 1, limits.max_window);
    }
    if (fusion.method == "rrf") {
        reject_unknown_members(object, {"method", "k", "window", "weights"}, path);
        if (auto* k = object.if_contains("k")) fusion.k = read_non_negative(*k, join_path(path, "k"));
        if (auto* weights = object.if_contains("weights")) {
            const std::string weights_path = join_path(path, "weights");
            const auto& w = expect_object(*weights, weights_path);
            reject_unknown_members(w, {"lexical", "dense"}, weights_path);
            if (auto* lexical = w.if_contains("lexical")) {
                fusion.lexical_weight = read_non_negative(*lexical, join_path(weights_path, "lexical"));
            }
            if (auto* dense = w.if_contains("dense")) {
                fusion.dense_weight = read_non_negative(*dense, join_path(weights_path, "dense"));
            }
        }
    } else if (fusion.method == "linear") {
        reject_unknown_members(object, {"method", "alpha", "normalization", "window"}, path);
        if (auto* alpha = object.if_contains("alpha")) {
            const std::string alpha_path = join_path(path, "alpha");
            const double a = expect_number(*alpha, alpha_path);
            if (a < 0 || a > 1) invalid(alpha_path, "expected a number in [0, 1], got " + describe(*alpha));
            fusion.alpha = a;
        }
        if (auto* normalization = object.if_contains("normalization")) {
            const std::string norm_path = join_path(path, "normalization");
            std::string name = expect_string(*normalization, norm_path);
            if (name != "minmax" && name != "zscore") {
                invalid(norm_path, "expected \"minmax\" or \"zscore\", got " + describe(*normalization));
            }
            fusion.normalization = std::move(name);
        }
    } else {
        throw Error(ErrorKind::invalid_argument, "invalid_request",
                    join_path(path, "method") + ": unknown fusion method \"" + fusion.method +
                        "\" (expected \"rrf\" or \"linear\")",
                    join_path(path, "method"));
    }
    return fusion;
}

}  // namespace

engine::SearchRequest parse_search_request(const json::value& body, const SearchLimits& limits) {
    const auto& object = expect_object(body, "");
    reject_unknown_members(object,
                           {"query", "vector", "fields", "filter", "operator", "k", "offset",
                            "fusion", "ef_search", "explain"},
                           "");
    engine::SearchRequest request;
    if (auto* query = object.if_contains("query")) request.query = expect_string(*query, "query");
    if (auto* vector = object.if_contains("vector")) request.vector = read_vector(*vector, "vector");
    if (!request.query && !request.vector) {
        throw Error(ErrorKind::invalid_argument, "invalid_request",
                    "a search needs \"query\" (lexical), \"vector\" (dense), or both (hybrid)");
    }
    if (auto* fields = object.if_contains("fields")) request.fields = read_fields(*fields, "fields");
    if (auto* filter = object.if_contains("filter")) request.filter = read_filter(*filter, "filter");
    if (auto* op = object.if_contains("operator")) {
        const std::string name = expect_string(*op, "operator");
        if (name == "or") request.op = engine::MatchOperator::any;
        else if (name == "and") request.op = engine::MatchOperator::all;
        else invalid("operator", "expected \"and\" or \"or\", got " + describe(*op));
    }
    if (auto* k = object.if_contains("k")) request.k = read_count(*k, "k", 1, limits.max_k);
    if (auto* offset = object.if_contains("offset")) {
        request.offset = read_count(*offset, "offset", 0, limits.max_offset);
    }
    if (auto* fusion = object.if_contains("fusion")) {
        if (!fusion->is_null()) request.fusion = read_fusion(*fusion, "fusion", limits);
    }
    if (auto* ef = object.if_contains("ef_search")) {
        request.ef_search = static_cast<int>(expect_integer(
            *ef, "ef_search", 1, static_cast<std::int64_t>(limits.max_window)));
    }
    if (auto* explain = object.if_contains("explain")) request.explain = expect_bool(*explain, "explain");
    return request;
}

}  // namespace braid::http
