#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "config_helpers.hpp"

using namespace braid::config;
using namespace braid::config::test;

namespace {

CollectionConfig body(const std::string& json, const std::optional<std::string>& name = std::nullopt) {
    return parse_collection(boost::json::parse(json), "", name);
}

}  // namespace

TEST_CASE("parse_collection reads a PUT body - the URL name fills in or must match") {
    const auto c = body(R"({"fields": {"title": {"type": "text"}}})", std::string("papers"));
    CHECK(c.name == "papers");
    CHECK(body(R"({"name": "papers"})", std::string("papers")).name == "papers");

    try {
        body(R"({"name": "other"})", std::string("papers"));
        FAIL("expected an error");
    } catch (const braid::Error& e) {
        CHECK(std::string(e.what()) == R"(name: expected "papers" (the name in the URL) or no name, got "other")");
        CHECK(e.path() == "name");
    }
    // Errors in a body have paths relative to the body.
    try {
        body(R"({"vector": {"dimension": "abc"}})", std::string("papers"));
        FAIL("expected an error");
    } catch (const braid::Error& e) {
        CHECK(std::string(e.what()) == R"(vector.dimension: expected a positive integer, got "abc")");
        CHECK(e.path() == "vector.dimension");
    }
    CHECK_THROWS_AS(body("{}", std::string("../x")), braid::Error);
    CHECK_THROWS_AS(body("{}"), braid::Error);
}

TEST_CASE("to_json then parse_collection gives the same collection") {
    const Config config = parse_config(R"({"collections": [
      {"name": "full", "id_field": "_id",
       "fields": {"title": {"type": "text", "analyzer": "en"}, "year": {"type": "integer"},
                  "tag": {"type": "keyword"}, "price": {"type": "float"}, "open": {"type": "bool"}},
       "vector": {"field": "vec", "dimension": 384, "metric": "dot", "rebuild_dead_ratio": 0.35,
                  "exact_filter_threshold": 77,
                  "index": {"type": "hnsw", "m": 16, "ef_construction": 80, "ef_search": 40, "quantization": "int8"}},
       "bm25": {"k1": 1.2, "b": 0.75},
       "sources": [{"path": "/data/a.jsonl"}, {"path": "b.jsonl"}]},
      {"name": "bare"}
    ]})");
    for (const auto& original : config.collections) {
        INFO(original.name);
        const boost::json::value json = to_json(original);
        const CollectionConfig again = parse_collection(json, "");
        CHECK(again == original);
        // And through text, as a client would send it back.
        CHECK(parse_collection(boost::json::parse(boost::json::serialize(json)), "") == original);
    }
    const boost::json::value full = to_json(config.collections[0]);
    const auto& json = full.as_object();
    CHECK(json.at("fields").as_object().begin()->key() == "title");
    CHECK(json.at("vector").at("metric") == "dot");
    CHECK_FALSE(to_json(config.collections[1]).as_object().contains("vector"));
}

TEST_CASE("to_json then parse_analyzer gives the same analyzer") {
    const Config config = parse_config(R"({"analyzers": {
      "en": {"tokenizer": "icu", "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "porter"}]},
      "odd": {"tokenizer": "whitespace",
              "filters": ["lowercase", "ascii_folding", {"stop": ["x", "y"]}, {"length": {"min": 2}},
                          {"length": {"min": 1, "max": 9}}]},
      "empty": {}
    }})");
    REQUIRE(config.analyzers.size() == 3);
    for (const auto& original : config.analyzers) {
        INFO(original.name);
        CHECK(parse_analyzer(to_json(original), "analyzers." + original.name, original.name) == original);
    }
    CHECK(config.analyzers[2].tokenizer == "icu");
    CHECK(config.analyzers[2].filters.empty());
    CHECK(boost::json::serialize(to_json(config.analyzers[0])) ==
          R"({"tokenizer":"icu","filters":["nfkc_casefold",{"stop":"english"},{"stem":"porter"}]})");
}
