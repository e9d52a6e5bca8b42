#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/json_body.hpp"
#include "http/search_body.hpp"
#include "http/search_request_json.hpp"

using braid::Error;
using braid::ErrorKind;
using braid::http::parse_json_body;
using braid::http::parse_search_request;
using braid::http::SearchLimits;

namespace {

// Read as the search handler does (a plain vector read from the bytes: http/search_body.hpp).
braid::engine::SearchRequest parse(const std::string& body, SearchLimits limits = {}) {
    braid::http::SearchBody parsed = braid::http::parse_search_body(body);
    return parse_search_request(parsed.json, limits, std::move(parsed.vector));
}

// The error a body provokes: its JSON path and message, the same whether its vector was read from
// the bytes or from the parsed JSON.
Error error_of(const std::string& body, SearchLimits limits = {}) {
    std::optional<Error> slow;
    try {
        parse_search_request(parse_json_body(body), limits);
    } catch (const Error& error) {
        slow = error;
    }
    try {
        parse(body, limits);
    } catch (const Error& error) {
        REQUIRE(slow);
        CHECK(error.what() == std::string(slow->what()));
        CHECK(error.path() == slow->path());
        CHECK(error.type() == slow->type());
        return error;
    }
    FAIL("expected an error for " << body);
    throw;  // unreachable
}

void require_path(const std::string& body, const std::string& path, SearchLimits limits = {}) {
    const Error error = error_of(body, limits);
    CHECK(error.kind() == ErrorKind::invalid_argument);
    CHECK(error.path() == path);
    INFO(error.what());
    CHECK(std::string(error.what()).find(path) != std::string::npos);
}

}  // namespace

TEST_CASE("a full search request is read member by member", "[http][search_request]") {
    const auto request = parse(R"({
        "query": "statins cholesterol", "vector": [0.5, -1, 2e-1],
        "fields": {"title": 2.0, "text": 1}, "operator": "and",
        "filter": {"year": {"gte": 2010, "lt": 2020}, "tags": ["a", "b"], "lang": "en", "flag": true,
                   "score": 1.5},
        "k": 5, "offset": 10, "ef_search": 64, "explain": true,
        "fusion": {"method": "rrf", "k": 30, "window": 50, "weights": {"lexical": 2, "dense": 0.5}}
    })");
    REQUIRE(request.query == "statins cholesterol");
    REQUIRE(request.vector);
    CHECK(*request.vector == std::vector<float>{0.5f, -1.0f, 0.2f});
    REQUIRE(request.fields.size() == 2);
    CHECK(request.fields[0] == std::pair<std::string, double>{"title", 2.0});
    CHECK(request.op == braid::engine::MatchOperator::all);
    REQUIRE(request.filter.size() == 5);
    CHECK(request.filter[0].field == "year");
    REQUIRE(request.filter[0].range);
    CHECK(request.filter[0].range->gte == 2010.0);
    CHECK(request.filter[0].range->lt == 2020.0);
    CHECK_FALSE(request.filter[0].range->gt);
    CHECK(request.filter[1].any_of.size() == 2);
    CHECK(std::get<std::string>(request.filter[1].any_of[1]) == "b");
    CHECK(std::get<std::string>(request.filter[2].any_of[0]) == "en");
    CHECK(std::get<bool>(request.filter[3].any_of[0]) == true);
    CHECK(std::get<double>(request.filter[4].any_of[0]) == 1.5);
    CHECK(request.k == 5);
    CHECK(request.offset == 10);
    CHECK(request.ef_search == 64);
    CHECK(request.explain);
    REQUIRE(request.fusion);
    const auto& rrf = std::get<braid::engine::RrfParams>(*request.fusion);
    CHECK(rrf.k == 30.0);
    CHECK(rrf.window == 50u);
    CHECK(rrf.lexical_weight == 2.0);
    CHECK(rrf.dense_weight == 0.5);
}

TEST_CASE("defaults stay empty so the engine applies DESIGN.md's", "[http][search_request]") {
    const auto request = parse(R"({"query": "x"})");
    CHECK(request.k == 10);
    CHECK(request.offset == 0);
    CHECK_FALSE(request.fusion);
    CHECK_FALSE(request.vector);
    CHECK(request.op == braid::engine::MatchOperator::any);
    CHECK_FALSE(request.explain);
    CHECK(std::get<std::int64_t>(parse(R"({"query":"x","filter":{"year":2012}})").filter[0].any_of[0]) == 2012);
    CHECK(parse(R"({"query":"x","k":10.0})").k == 10);  // an integral double is an integer
}

TEST_CASE("linear fusion members are read and checked", "[http][search_request]") {
    const auto request =
        parse(R"({"query":"x","vector":[1],"fusion":{"method":"linear","alpha":0.7,"normalization":"zscore","window":100}})");
    REQUIRE(request.fusion);
    const auto& linear = std::get<braid::engine::LinearParams>(*request.fusion);
    CHECK(linear.alpha == 0.7);
    CHECK(linear.normalization == braid::engine::Normalization::zscore);
    CHECK(linear.window == 100u);
    require_path(R"({"query":"x","fusion":{"method":"linear","alpha":1.5}})", "fusion.alpha");
    require_path(R"({"query":"x","fusion":{"method":"linear","alpha":-0.1}})", "fusion.alpha");
    require_path(R"({"query":"x","fusion":{"method":"linear","alpha":"0.5"}})", "fusion.alpha");
    require_path(R"({"query":"x","fusion":{"method":"linear","normalization":"l2"}})", "fusion.normalization");
    require_path(R"({"query":"x","fusion":{"method":"linear","k":60}})", "fusion.k");  // rrf-only member
    require_path(R"({"query":"x","fusion":{"method":"rrf","alpha":0.5}})", "fusion.alpha");
}

TEST_CASE("unknown members are named", "[http][search_request]") {
    const Error error = error_of(R"({"query":"x","size":10,"from":2})");
    CHECK(error.type() == "unknown_member");
    CHECK(error.path() == "size");
    const std::string message = error.what();
    CHECK(message.find("\"size\"") != std::string::npos);
    CHECK(message.find("\"from\"") != std::string::npos);
    require_path(R"({"query":"x","fusion":{"method":"rrf","weights":{"sparse":1}}})", "fusion.weights.sparse");
    require_path(R"({"query":"x","filter":{"year":{"gte":1,"between":2}}})", "filter.year.between");
}

TEST_CASE("wrong types name their path", "[http][search_request]") {
    require_path(R"({"query": 5})", "query");
    require_path(R"({"query":"x","vector":"abc"})", "vector");
    require_path(R"({"vector":[1, "two", 3]})", "vector[1]");
    require_path(R"({"vector":[1, null]})", "vector[1]");
    require_path(R"({"vector":[]})", "vector");
    CHECK_THROWS_AS(parse(R"({"vector":[1e400, 0]})"), Error);  // infinity is never a coordinate
    require_path(R"({"query":"x","fields":["title"]})", "fields");
    require_path(R"({"query":"x","fields":{"title":"high"}})", "fields.title");
    require_path(R"({"query":"x","fields":{"title":-1}})", "fields.title");
    require_path(R"({"query":"x","explain":"yes"})", "explain");
    require_path(R"({"query":"x","operator":"xor"})", "operator");
    require_path(R"({"query":"x","operator":1})", "operator");
    require_path(R"({"query":"x","fusion":"rrf"})", "fusion");
    require_path(R"({"query":"x","fusion":{"method":5}})", "fusion.method");
    require_path(R"({"query":"x","ef_search":0})", "ef_search");
    require_path(R"({"query":"x","k":2.5})", "k");
    require_path(R"({"query":"x","k":"10"})", "k");
    CHECK(error_of("[1,2]").kind() == ErrorKind::invalid_argument);
    CHECK(error_of("\"search\"").kind() == ErrorKind::invalid_argument);
}

TEST_CASE("k, offset and window are bounded by the server's maxima", "[http][search_request]") {
    SearchLimits limits;
    limits.max_k = 100;
    limits.max_offset = 1000;
    limits.max_window = 500;
    require_path(R"({"query":"x","k":-1})", "k", limits);
    require_path(R"({"query":"x","k":0})", "k", limits);
    require_path(R"({"query":"x","k":101})", "k", limits);
    require_path(R"({"query":"x","k":18446744073709551615})", "k", limits);
    require_path(R"({"query":"x","k":1e300})", "k", limits);
    require_path(R"({"query":"x","offset":-5})", "offset", limits);
    require_path(R"({"query":"x","offset":1001})", "offset", limits);
    require_path(R"({"query":"x","fusion":{"window":501}})", "fusion.window", limits);
    require_path(R"({"query":"x","fusion":{"window":0}})", "fusion.window", limits);
    CHECK(parse(R"({"query":"x","k":100,"offset":1000,"fusion":{"window":500}})", limits).k == 100);
    const Error error = error_of(R"({"query":"x","k":101})", limits);
    CHECK(std::string(error.what()).find("between 1 and 100") != std::string::npos);
}

TEST_CASE("unknown fusion methods and negative fusion numbers are refused", "[http][search_request]") {
    const Error error = error_of(R"({"query":"x","fusion":{"method":"borda"}})");
    CHECK(error.path() == "fusion.method");
    CHECK(std::string(error.what()).find("borda") != std::string::npos);
    require_path(R"({"query":"x","fusion":{"k":-1}})", "fusion.k");
    require_path(R"({"query":"x","fusion":{"weights":{"dense":-2}}})", "fusion.weights.dense");
    require_path(R"({"query":"x","fusion":{"weights":[1,1]}})", "fusion.weights");
    CHECK_FALSE(parse(R"({"query":"x","fusion":null})").fusion);
}

TEST_CASE("filter shapes are checked", "[http][search_request]") {
    require_path(R"({"query":"x","filter":[{"year":1}]})", "filter");
    require_path(R"({"query":"x","filter":{"year":{}}})", "filter.year");
    require_path(R"({"query":"x","filter":{"year":{"gte":"2010"}}})", "filter.year.gte");
    require_path(R"({"query":"x","filter":{"tags":[]}})", "filter.tags");
    require_path(R"({"query":"x","filter":{"tags":["a",{"b":1}]}})", "filter.tags[1]");
    require_path(R"({"query":"x","filter":{"tags":["a",null]}})", "filter.tags[1]");
    require_path(R"({"query":"x","filter":{"lang":null}})", "filter.lang");
}

TEST_CASE("a search needs a query or a vector", "[http][search_request]") {
    const Error error = error_of(R"({"k": 3})");
    CHECK(error.kind() == ErrorKind::invalid_argument);
    CHECK(std::string(error.what()).find("query") != std::string::npos);
    CHECK(parse(R"({"vector":[1,2]})").vector->size() == 2);
}

TEST_CASE("malformed JSON, invalid UTF-8 and absurd nesting are parse errors", "[http][json]") {
    auto parse_error = [](const std::string& body) {
        try {
            parse_json_body(body);
        } catch (const Error& error) {
            return error;
        }
        FAIL("expected a parse error for " << body);
        throw;
    };
    CHECK(parse_error("{\"query\": ").type() == "parse_error");
    CHECK(parse_error("").type() == "parse_error");
    CHECK(parse_error("{} trailing").type() == "parse_error");
    CHECK(parse_error("{\"query\": \"\xff\xfe\"}").type() == "parse_error");
    CHECK(parse_error("{\"query\": \"\xc3\"}").type() == "parse_error");
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    const Error depth = parse_error(deep);
    CHECK(depth.kind() == ErrorKind::invalid_argument);
    CHECK(std::string(depth.what()).find("depth") != std::string::npos);
    const std::string ok_depth = std::string(60, '[') + std::string(60, ']');
    CHECK(parse_json_body(ok_depth).is_array());
    CHECK(parse_json_body("{\"q\": \"caf\xc3\xa9\"}").at("q").as_string() == "caf\xc3\xa9");
}

TEST_CASE("one mistake gets one error type, whichever module's rule it breaks", "[http][search_request]") {
    const auto type_at = [](const std::string& body, const std::string& path) {
        const Error error = error_of(body);
        CHECK(error.kind() == ErrorKind::invalid_argument);
        CHECK(error.path() == path);
        return error.type();
    };
    // The fusion module's rules (fusion::check) and its vocabulary.
    CHECK(type_at(R"({"query":"x","fusion":{"method":"linear","alpha":1.5}})", "fusion.alpha") == "invalid_fusion");
    CHECK(type_at(R"({"query":"x","fusion":{"k":-1}})", "fusion.k") == "invalid_fusion");
    CHECK(type_at(R"({"query":"x","fusion":{"weights":{"lexical":-1}}})", "fusion.weights.lexical") ==
          "invalid_fusion");
    CHECK(type_at(R"({"query":"x","fusion":{"method":"borda"}})", "fusion.method") == "invalid_fusion");
    CHECK(type_at(R"({"query":"x","fusion":{"method":"linear","normalization":"l2"}})", "fusion.normalization") ==
          "invalid_fusion");
    // The lexical module's rule for boosts (lexical::check_boost).
    CHECK(type_at(R"({"query":"x","fields":{"title":-1}})", "fields.title") == "invalid_boost");
    CHECK(type_at(R"({"query":"x","fields":{"title":1e300}})", "fields.title") == "invalid_boost");  // inf as a float
    // JSON shapes and bounds stay http's own.
    CHECK(type_at(R"({"query":"x","fusion":{"method":"linear","alpha":"0.5"}})", "fusion.alpha") == "invalid_request");
    CHECK(type_at(R"({"query":"x","fusion":{"window":0}})", "fusion.window") == "invalid_request");
    CHECK(type_at(R"({"query":"x","fusion":{"method":"linear","k":60}})", "fusion.k") == "unknown_member");
    CHECK(type_at(R"({"query":"x","operator":"xor"})", "operator") == "invalid_request");
}

TEST_CASE("document shaping members are read: include_vector, include, exclude", "[http][search_request]") {
    const auto request =
        parse(R"({"query":"q","include_vector":true,"include":["title","year"],"exclude":["year"]})");
    CHECK(request.document.include_vector);
    CHECK(request.document.fields.include == std::vector<std::string>{"title", "year"});
    CHECK(request.document.fields.exclude == std::vector<std::string>{"year"});
    const auto defaults = parse(R"({"query":"q"})");
    CHECK_FALSE(defaults.document.include_vector);
    CHECK(defaults.document.fields.selects_all());
    require_path(R"({"query":"q","include_vector":1})", "include_vector");
    require_path(R"({"query":"q","include":"title"})", "include");
    require_path(R"({"query":"q","exclude":["a",2]})", "exclude[1]");
}

TEST_CASE("vector elements are read without losing the path of a bad one", "[http][search_request]") {
    CHECK(*parse(R"({"vector":[1,-2,0.5,18446744073709551615]})").vector ==
          std::vector<float>{1.0f, -2.0f, 0.5f, 18446744073709551615.0f});
    require_path(R"({"vector":[1,"x",3]})", "vector[1]");
    require_path(R"({"vector":[1,2,null]})", "vector[2]");
}

TEST_CASE("the server's query term limit reaches the request", "[http][search_request]") {
    SearchLimits limits;
    limits.max_query_terms = 7;
    CHECK(parse(R"({"query":"q"})", limits).max_query_terms == 7);
}
