#include <catch2/catch.hpp>

#include <fstream>

#include "config_helpers.hpp"

using namespace braid::config;
using namespace braid::config::test;

TEST_CASE("an empty object is a valid config with every default") {
    const Config config = parse_config("{}");
    CHECK(config.server == ServerConfig{});
    CHECK(config.server.host == "127.0.0.1");
    CHECK(config.server.port == 7700);
    CHECK(config.server.data_dir == "./data");
    CHECK(config.server.max_body_bytes == 64ull << 20);
    CHECK(config.server.release_memory_every_ms == 1000);
    CHECK_FALSE(config.server.api_key.has_value());
    CHECK(config.analyzers.empty());
    CHECK(config.collections.empty());
}

TEST_CASE("the DESIGN.md example parses into the full model") {
    const Config config = parse_config(R"({
      "server": {"host": "0.0.0.0", "port": 8080, "data_dir": "./data", "threads": 4,
                 "max_body_bytes": 1048576, "api_key": "s3cret", "max_k": 500, "max_offset": 1000,
                 "max_window": 2000, "request_timeout_ms": 5000, "snapshot_every_bytes": 1000000,
                 "release_memory_every_ms": 250},
      "analyzers": {
        "en": {"tokenizer": "icu", "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "english"}]},
        "custom": {"tokenizer": "whitespace",
                   "filters": ["lowercase", "ascii_folding", {"stop": ["foo", "bar"]}, {"length": {"min": 2, "max": 40}}]}
      },
      "collections": [{
        "name": "scifact",
        "id_field": "_id",
        "fields": {"title": {"type": "text", "analyzer": "en"},
                   "text": {"type": "text"},
                   "year": {"type": "integer"}, "tag": {"type": "keyword"},
                   "score": {"type": "float"}, "open": {"type": "bool"}},
        "vector": {"field": "embedding", "dimension": 256, "metric": "cosine",
                   "index": {"type": "hnsw", "m": 32, "ef_construction": 200, "ef_search": 100}},
        "bm25": {"k1": 0.9, "b": 0.4},
        "sources": [{"path": "corpus.jsonl"}, {"path": "/abs/more.jsonl"}]
      }]
    })", "/srv/braid");

    CHECK(config.server.host == "0.0.0.0");
    CHECK(config.server.port == 8080);
    CHECK(config.server.data_dir == "/srv/braid/data");
    CHECK(config.server.threads == 4);
    CHECK(config.server.max_body_bytes == 1048576);
    CHECK(config.server.api_key == std::optional<std::string>("s3cret"));
    CHECK(config.server.max_k == 500);
    CHECK(config.server.max_offset == 1000);
    CHECK(config.server.max_window == 2000);
    CHECK(config.server.request_timeout_ms == 5000);
    CHECK(config.server.snapshot_every_bytes == 1000000);
    CHECK(config.server.release_memory_every_ms == 250);

    REQUIRE(config.analyzers.size() == 2);
    const AnalyzerConfig& en = config.analyzers[0];
    CHECK(en.name == "en");
    CHECK(en.tokenizer == "icu");
    REQUIRE(en.filters.size() == 3);
    CHECK(en.filters[0].kind == "nfkc_casefold");
    CHECK(en.filters[1].kind == "stop");
    CHECK(en.filters[1].language == "english");
    CHECK(en.filters[2].kind == "stem");
    CHECK(en.filters[2].language == "english");
    const AnalyzerConfig& custom = config.analyzers[1];
    CHECK(custom.tokenizer == "whitespace");
    REQUIRE(custom.filters.size() == 4);
    CHECK(custom.filters[2].words == std::vector<std::string>{"foo", "bar"});
    CHECK(custom.filters[3].kind == "length");
    CHECK(custom.filters[3].min_length == 2);
    CHECK(custom.filters[3].max_length == 40);

    REQUIRE(config.collections.size() == 1);
    const CollectionConfig& c = config.collections[0];
    CHECK(c.name == "scifact");
    CHECK(c.id_field == "_id");
    REQUIRE(c.fields.size() == 6);
    const std::vector<std::string> order{"title", "text", "year", "tag", "score", "open"};
    for (std::size_t i = 0; i < order.size(); ++i) CHECK(c.fields[i].name == order[i]);
    CHECK(c.fields[0].analyzer == "en");
    CHECK(c.fields[1].analyzer == "standard");
    CHECK(c.fields[2].type == FieldType::integer);
    CHECK(c.fields[3].type == FieldType::keyword);
    CHECK(c.fields[4].type == FieldType::floating);
    CHECK(c.fields[5].type == FieldType::boolean);
    CHECK(c.field("year") == &c.fields[2]);
    CHECK(c.field("nope") == nullptr);
    REQUIRE(c.vector.has_value());
    CHECK(c.vector->dimension == 256);
    CHECK(c.vector->metric == "cosine");
    CHECK(c.vector->index.m == 32);
    CHECK(c.vector->index.ef_construction == 200);
    CHECK(c.vector->index.ef_search == 100);
    CHECK(c.vector->index.quantization == "none");
    CHECK(c.vector->rebuild_dead_ratio == 0.2);
    CHECK(c.vector->exact_filter_threshold == 2000);
    CHECK(c.bm25.k1 == 0.9);
    CHECK(c.bm25.b == 0.4);
    REQUIRE(c.sources.size() == 2);
    CHECK(c.sources[0].path == "/srv/braid/corpus.jsonl");
    CHECK(c.sources[1].path == "/abs/more.jsonl");
}

TEST_CASE("collection defaults: id field, text type, standard analyzer, no vector, bm25 0.9/0.4") {
    const Config config = parse_config(R"({"collections": [{"name": "notes", "fields": {"body": {}}}]})");
    const CollectionConfig& c = config.collections.at(0);
    CHECK(c.id_field == "id");
    REQUIRE(c.fields.size() == 1);
    CHECK(c.fields[0].type == FieldType::text);
    CHECK(c.fields[0].analyzer == "standard");
    CHECK_FALSE(c.vector.has_value());
    CHECK(c.bm25 == Bm25Config{});
    CHECK(c.sources.empty());
}

TEST_CASE("vector defaults and the other choices") {
    const auto c = parse_config(with_collection(R"("vector": {"dimension": 3})")).collections.at(0);
    REQUIRE(c.vector.has_value());
    CHECK(c.vector->field == "embedding");
    CHECK(c.vector->metric == "cosine");
    CHECK(c.vector->index == VectorIndexConfig{});

    const auto d = parse_config(with_collection(
        R"("vector": {"field": "vec", "dimension": 8, "metric": "l2", "rebuild_dead_ratio": 0.5,
                      "exact_filter_threshold": 0,
                      "index": {"type": "flat", "quantization": "int8"}})")).collections.at(0);
    CHECK(d.vector->field == "vec");
    CHECK(d.vector->metric == "l2");
    CHECK(d.vector->index.type == "flat");
    CHECK(d.vector->index.quantization == "int8");
    CHECK(d.vector->rebuild_dead_ratio == 0.5);
    CHECK(d.vector->exact_filter_threshold == 0);
}

TEST_CASE("port 0 asks for any free port - api_key null is no key") {
    const Config config = parse_config(R"({"server": {"port": 0, "api_key": null}})");
    CHECK(config.server.port == 0);
    CHECK_FALSE(config.server.api_key.has_value());
}

TEST_CASE("load_config_file resolves paths against the file's folder") {
    const auto dir = std::filesystem::temp_directory_path() / "braid-config-test";
    std::filesystem::create_directories(dir);
    const auto file = dir / "braid.json";
    {
        std::ofstream out(file);
        out << R"({"server": {"data_dir": "state"}, "collections": [{"name": "a", "sources": [{"path": "../x.jsonl"}]}]})";
    }
    const Config config = load_config_file(file);
    CHECK(config.server.data_dir == (dir / "state").string());
    CHECK(config.collections.at(0).sources.at(0).path == (dir.parent_path() / "x.jsonl").string());
    std::filesystem::remove_all(dir);
}

TEST_CASE("the demo config of the repository is valid") {
    const Config config = load_config_file(std::filesystem::path(BRAID_SOURCE_DIR) / "demo" / "braid.json");
    REQUIRE(config.collections.size() == 1);
    CHECK(config.collections[0].name == "scifact");
    CHECK(config.collections[0].vector->dimension == 256);
    CHECK(config.analyzers.at(0).name == "en");
}

TEST_CASE("is_safe_name accepts plain names and refuses separators and traversal") {
    const std::vector<std::string> good{"a", "docs", "sci_fact-2.v1", "_id", "9lives", std::string(128, 'x')};
    for (const auto& name : good) {
        INFO(name);
        CHECK(is_safe_name(name));
    }
    const std::vector<std::string> bad{"",  "..", "a..b", "../etc", "a/b", "a\\b", ".hidden", "-x", "a b", "é",
                                       std::string(129, 'x'), std::string("a\0b", 3)};
    for (const auto& name : bad) {
        INFO(name);
        CHECK_FALSE(is_safe_name(name));
    }
}

TEST_CASE("field_type_name spells the config's words") {
    CHECK(field_type_name(FieldType::text) == "text");
    CHECK(field_type_name(FieldType::keyword) == "keyword");
    CHECK(field_type_name(FieldType::integer) == "integer");
    CHECK(field_type_name(FieldType::floating) == "float");
    CHECK(field_type_name(FieldType::boolean) == "bool");
}
