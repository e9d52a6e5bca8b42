#include <catch2/catch.hpp>

#include "config_helpers.hpp"

using namespace braid::config;
using namespace braid::config::test;

TEST_CASE("wrong types name the path, what was expected and what came") {
    auto f = failure_of(with_collection(R"("vector": {"dimension": "abc"})"));
    CHECK(f.message == R"(collections[0].vector.dimension: expected a positive integer, got "abc")");
    CHECK(f.path == "collections[0].vector.dimension");

    f = failure_of(with_collection(R"("vector": {"dimension": 0})"));
    CHECK(f.message == "collections[0].vector.dimension: expected a positive integer, got 0");

    f = failure_of(with_collection(R"("vector": {"dimension": 2.5})"));
    CHECK(f.message == "collections[0].vector.dimension: expected a positive integer, got 2.5");

    f = failure_of(R"({"server": {"host": 42}})");
    CHECK(f.message == "server.host: expected a non-empty string, got 42");
    CHECK(f.path == "server.host");

    f = failure_of(R"({"server": {"threads": -1}})");
    CHECK(f.path == "server.threads");

    f = failure_of(R"({"server": {"api_key": ""}})");
    CHECK(f.message == R"(server.api_key: expected a non-empty string or null, got "")");

    f = failure_of(R"({"collections": {"name": "x"}})");
    CHECK(f.message == R"(collections: expected an array of collections, got {"name":"x"})");

    f = failure_of(with_collection(R"("fields": {"year": {"type": "date"}})"));
    CHECK(f.message == R"(collections[0].fields.year.type: expected one of "text", "keyword", "integer", "float", "bool", got "date")");

    f = failure_of(with_collection(R"("fields": ["title"])"));
    CHECK(f.path == "collections[0].fields");
}

TEST_CASE("a missing required member says what belongs there") {
    auto f = failure_of(with_collection(R"("vector": {"metric": "dot"})"));
    CHECK(f.message == "collections[0].vector.dimension: missing (expected a positive integer)");
    CHECK(f.path == "collections[0].vector.dimension");

    f = failure_of(R"({"collections": [{"fields": {}}]})");
    CHECK(f.message == "collections[0].name: missing (expected a collection name)");

    f = failure_of(with_collection(R"("sources": [{"file": "a.jsonl"}])"));
    CHECK(f.message == R"(collections[0].sources[0].file: unknown key (expected one of "path"))");

    f = failure_of(with_collection(R"("sources": [{"path": "a.jsonl"}, {}])"));
    CHECK(f.message == "collections[0].sources[1].path: missing (expected a file path)");
}

TEST_CASE("unknown keys are errors with a did-you-mean for near misses") {
    auto f = failure_of(with_collection(R"("vectr": {"dimension": 3})"));
    CHECK(f.message == R"(collections[0].vectr: unknown key (did you mean "vector"?))");
    CHECK(f.path == "collections[0].vectr");

    f = failure_of(R"({"sever": {}})");
    CHECK(f.message == R"(sever: unknown key (did you mean "server"?))");

    f = failure_of(R"({"server": {"prot": 1}})");
    CHECK(f.message == R"(server.prot: unknown key (did you mean "port"?))");

    f = failure_of(with_collection(R"("vector": {"dimension": 3, "index": {"ef_serach": 10}})"));
    CHECK(f.message == R"(collections[0].vector.index.ef_serach: unknown key (did you mean "ef_search"?))");

    f = failure_of(with_collection(R"("bm25": {"k": 1})"));
    CHECK(f.message == R"(collections[0].bm25.k: unknown key (did you mean "k1"?))");

    f = failure_of(R"({"server": {"colour": "blue"}})");
    CHECK(f.message.starts_with("server.colour: unknown key (expected one of \"host\", \"port\""));
}

TEST_CASE("unsafe collection and field names are refused, path traversal included") {
    auto f = failure_of(R"({"collections": [{"name": "../etc"}]})");
    CHECK(f.path == "collections[0].name");
    CHECK(f.message.starts_with("collections[0].name: expected a collection name of 1-128 letters"));
    CHECK(f.message.ends_with(R"(got "../etc")"));

    for (const char* bad : {R"("a/b")", R"("..")", R"("")", R"("a\\b")", "17"}) {
        INFO(bad);
        CHECK(failure_of(std::string(R"({"collections": [{"name": )") + bad + "}]}").path == "collections[0].name");
    }

    f = failure_of(with_collection(R"("fields": {"a/b": {"type": "keyword"}})"));
    CHECK(f.path == "collections[0].fields.a/b");
    CHECK(f.message.ends_with(R"(got "a/b")"));

    CHECK(failure_of(with_collection(R"("id_field": "../id")")).path == "collections[0].id_field");
    CHECK(failure_of(with_collection(R"("vector": {"dimension": 2, "field": "x/y"})")).path ==
          "collections[0].vector.field");
}

TEST_CASE("bad enumerations: metric, index type, quantization, tokenizer") {
    auto f = failure_of(with_collection(R"("vector": {"dimension": 4, "metric": "manhattan"})"));
    CHECK(f.message == R"(collections[0].vector.metric: expected one of "cosine", "dot", "l2", got "manhattan")");

    CHECK(failure_of(with_collection(R"("vector": {"dimension": 4, "index": {"type": "ivf"}})")).path ==
          "collections[0].vector.index.type");
    CHECK(failure_of(with_collection(R"("vector": {"dimension": 4, "index": {"quantization": "pq"}})")).path ==
          "collections[0].vector.index.quantization");
    CHECK(failure_of(with_collection(R"("vector": {"dimension": 4, "index": {"m": 1}})")).message ==
          "collections[0].vector.index.m: expected an integer from 2 to 512, got 1");

    f = failure_of(R"({"analyzers": {"x": {"tokenizer": "regex"}}})");
    CHECK(f.message == R"(analyzers.x.tokenizer: expected one of "icu", "whitespace", got "regex")");
}

TEST_CASE("duplicate collections and conflicting member names are errors") {
    auto f = failure_of(R"({"collections": [{"name": "a"}, {"name": "b"}, {"name": "a"}]})");
    CHECK(f.message == R"(collections[2].name: duplicate collection name "a" (also collections[0]))");
    CHECK(f.path == "collections[2].name");

    f = failure_of(with_collection(R"("id_field": "key", "fields": {"key": {"type": "keyword"}})"));
    CHECK(f.path == "collections[0].fields.key");
    CHECK(f.message.find("id field") != std::string::npos);

    f = failure_of(with_collection(R"("fields": {"embedding": {"type": "text"}}, "vector": {"dimension": 3})"));
    CHECK(f.path == "collections[0].vector.field");

    f = failure_of(with_collection(R"("vector": {"dimension": 3, "field": "id"})"));
    CHECK(f.path == "collections[0].vector.field");

    f = failure_of(with_collection(R"("fields": {"year": {"type": "integer", "analyzer": "en"}})"));
    CHECK(f.message == "collections[0].fields.year.analyzer: only text fields have an analyzer (this field is integer)");
}

TEST_CASE("numeric ranges: bm25, port, ratios") {
    CHECK(failure_of(with_collection(R"("bm25": {"k1": -0.1})")).message ==
          "collections[0].bm25.k1: expected a number from 0 to 1000, got -0.1");
    CHECK(failure_of(with_collection(R"("bm25": {"b": 1.5})")).path == "collections[0].bm25.b");
    CHECK(failure_of(with_collection(R"("bm25": {"b": "0.5"})")).path == "collections[0].bm25.b");
    CHECK(failure_of(R"({"server": {"port": 65536}})").message ==
          "server.port: expected a port number from 1 to 65535 (0 = any free port), got 65536");
    CHECK(failure_of(R"({"server": {"port": -1}})").path == "server.port");
    CHECK(failure_of(R"({"server": {"max_k": 0}})").path == "server.max_k");
    CHECK(failure_of(with_collection(R"("vector": {"dimension": 3, "rebuild_dead_ratio": 0})")).path ==
          "collections[0].vector.rebuild_dead_ratio");
    // Integral doubles are integers.
    CHECK(parse_config(R"({"server": {"port": 8080.0}})").server.port == 8080);
}

TEST_CASE("analyzer filters: each wrong form names its element") {
    auto f = failure_of(R"({"analyzers": {"en": {"filters": ["nfkc_casefold", "lowercas"]}}})");
    CHECK(f.message == R"(analyzers.en.filters[1]: unknown filter "lowercas" (did you mean "lowercase"?))");
    CHECK(f.path == "analyzers.en.filters[1]");

    f = failure_of(R"({"analyzers": {"en": {"filters": [{"stem": "english", "stop": "english"}]}}})");
    CHECK(f.path == "analyzers.en.filters[0]");

    f = failure_of(R"({"analyzers": {"en": {"filters": [{"stme": "english"}]}}})");
    CHECK(f.message == R"(analyzers.en.filters[0].stme: unknown key (did you mean "stem"?))");

    f = failure_of(R"({"analyzers": {"en": {"filters": [{"stop": []}]}}})");
    CHECK(f.path == "analyzers.en.filters[0].stop");

    f = failure_of(R"({"analyzers": {"en": {"filters": [{"stop": ["a", 3]}]}}})");
    CHECK(f.message == "analyzers.en.filters[0].stop[1]: expected a non-empty string, got 3");

    f = failure_of(R"({"analyzers": {"en": {"filters": [{"length": {"min": 5, "max": 2}}]}}})");
    CHECK(f.message == "analyzers.en.filters[0].length.max: expected at least min (5), got 2");

    f = failure_of(R"({"analyzers": {"en": {"filters": ["stem"]}}})");
    CHECK(f.message == R"(analyzers.en.filters[0]: "stem" needs an argument, e.g. {"stem": "english"})");

    f = failure_of(R"({"analyzers": {"en": {"filters": "lowercase"}}})");
    CHECK(f.message == R"(analyzers.en.filters: expected an array of filters, got "lowercase")");

    CHECK(failure_of(R"({"analyzers": {"a/b": {}}})").path == "analyzers.a/b");
}

TEST_CASE("malformed JSON reports line and column") {
    auto f = failure_of("{\n  \"server\": {\"port\": 80,}\n}");
    CHECK(f.message.starts_with("invalid JSON at line 2, column "));
    CHECK(f.path.empty());

    f = failure_of("{\"server\": ");
    CHECK(f.message.starts_with("invalid JSON at line 1, column "));

    CHECK(failure_of("").message.starts_with("invalid JSON"));
    CHECK(failure_of("{} trailing").message.starts_with("invalid JSON at line 1"));
    CHECK(failure_of("[1, 2]").message == "expected an object, got [1,2]");
}

TEST_CASE("load_config_file names the file it could not open") {
    try {
        load_config_file("/nonexistent/braid.json");
        FAIL("expected an error");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "config_error");
        CHECK(std::string(e.what()).find("/nonexistent/braid.json") != std::string::npos);
    }
}

TEST_CASE("a key given twice in one object is an error, not a silent override") {
    auto f = failure_of(R"({"server": {"port": 80, "host": "x", "port": 7700}})");
    CHECK(f.message == "server.port: duplicate key");
    CHECK(f.path == "server.port");

    f = failure_of(R"({"collections": [{"name": "a"}, {"name": "b", "fields": {"t": {}, "u": {}, "t": {}}}]})");
    CHECK(f.path == "collections[1].fields.t");

    // The same key in different objects is fine.
    CHECK(parse_config(R"({"collections": [{"name": "a"}, {"name": "b"}]})").collections.size() == 2);
}

TEST_CASE("a value above a limit states the limit") {
    auto f = failure_of(with_collection(R"("vector": {"dimension": 100000000})"));
    CHECK(f.message == "collections[0].vector.dimension: expected a positive integer up to 65536, got 100000000");
    f = failure_of(R"({"server": {"max_offset": 1e300}})");
    CHECK(f.path == "server.max_offset");
    f = failure_of(with_collection(R"("bm25": {"b": 1.5})"));
    CHECK(f.message == "collections[0].bm25.b: expected a number from 0 to 1, got 1.5");
}
