// vector.embedder and the top-level "rerankers" (issue 13): defaults, every rule with its path,
// and the full form read back unchanged.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "config_helpers.hpp"

using namespace braid::config;
using namespace braid::config::test;

namespace {

std::string with_embedder(const std::string& embedder, const std::string& fields = R"({"title": {"type": "text"}, "body": {"type": "text"}, "year": {"type": "integer"}})") {
    return with_collection(R"("fields": )" + fields + R"(, "vector": {"dimension": 8, "embedder": )" + embedder + "}");
}

}  // namespace

TEST_CASE("an embedder's defaults, and its full form read back unchanged") {
    const Config config = parse_config(with_embedder(R"({"type": "openai", "url": "http://127.0.0.1:11434/v1/", "model": "m"})"));
    const auto& e = *config.collections[0].vector->embedder;
    CHECK(e.url == "http://127.0.0.1:11434/v1");  // a trailing slash is dropped
    CHECK(e.dimensions == 8);                     // the vector's dimension
    CHECK(e.batch_size == 64);
    CHECK(e.max_concurrency == 4);
    CHECK(e.timeout_ms == 30000);
    CHECK(e.max_retries == 5);
    CHECK(e.query_cache == 10000);
    CHECK(e.on_embedder_error == "error");
    CHECK(e.source.empty());

    const Config full = parse_config(with_embedder(
        R"({"type": "tei", "url": "https://tei.example:8080", "api_key_env": "TEI_KEY", "ca_file": "/etc/ca.pem",
            "source": ["body"], "document_prefix": "passage: ", "query_prefix": "query: ", "dimensions": 8,
            "batch_size": 16, "max_concurrency": 2, "timeout_ms": 500, "max_retries": 0, "query_cache": 0,
            "on_embedder_error": "lexical"})"));
    const auto& collection = full.collections[0];
    const auto again = parse_collection(to_json(collection), "x");
    CHECK(again == collection);
    CHECK(again.vector->embedder->api_key_env == "TEI_KEY");
    CHECK(again.vector->embedder->query_prefix == "query: ");

    const Config local = parse_config(with_embedder(R"({"type": "static", "path": "models/potion"})"), "/srv/braid");
    CHECK(local.collections[0].vector->embedder->path == "/srv/braid/models/potion");
    CHECK(parse_collection(to_json(local.collections[0]), "x") == local.collections[0]);
}

TEST_CASE("embedder mistakes name their path") {
    auto f = failure_of(with_embedder(R"({"type": "openai", "url": "http://h/v1", "model": "m", "dimensions": 16})"));
    CHECK(f.path == "collections[0].vector.embedder.dimensions");
    CHECK(f.message == "collections[0].vector.embedder.dimensions: must equal vector.dimension (8), got 16");

    f = failure_of(with_embedder(R"({"type": "word2vec", "url": "http://h"})"));
    CHECK(f.path == "collections[0].vector.embedder.type");

    f = failure_of(with_embedder(R"({"type": "openai", "model": "m"})"));
    CHECK(f.path == "collections[0].vector.embedder.url");

    f = failure_of(with_embedder(R"({"type": "openai", "url": "ftp://h", "model": "m"})"));
    CHECK(f.path == "collections[0].vector.embedder.url");

    f = failure_of(with_embedder(R"({"type": "openai", "url": "http://h"})"));
    CHECK(f.path == "collections[0].vector.embedder.model");

    f = failure_of(with_embedder(R"({"type": "static", "path": "m", "url": "http://h"})"));
    CHECK(f.path == "collections[0].vector.embedder.url");

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h", "path": "m"})"));
    CHECK(f.path == "collections[0].vector.embedder.path");

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h", "source": ["year"]})"));
    CHECK(f.path == "collections[0].vector.embedder.source[0]");
    CHECK(f.message.find("not a text field") != std::string::npos);

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h"})", R"({"year": {"type": "integer"}})"));
    CHECK(f.path == "collections[0].vector.embedder.source");

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h", "api_key_env": "MY-KEY"})"));
    CHECK(f.path == "collections[0].vector.embedder.api_key_env");

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h", "batch_size": 0})"));
    CHECK(f.path == "collections[0].vector.embedder.batch_size");

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h", "on_embedder_error": "ignore"})"));
    CHECK(f.path == "collections[0].vector.embedder.on_embedder_error");

    f = failure_of(with_embedder(R"({"type": "tei", "url": "http://h", "max_concurency": 2})"));
    CHECK(f.message.find("did you mean \"max_concurrency\"") != std::string::npos);
}

TEST_CASE("rerankers are read by name beside analyzers") {
    const Config config = parse_config(R"({"rerankers": {
        "ms": {"type": "cohere", "url": "http://127.0.0.1:7997", "model": "mxbai", "api_key_env": "CO_KEY"},
        "local": {"type": "tei", "url": "http://127.0.0.1:8081", "timeout_ms": 900, "max_retries": 0}}})");
    REQUIRE(config.rerankers.size() == 2);
    const auto& ms = config.rerankers[0].name == "ms" ? config.rerankers[0] : config.rerankers[1];
    CHECK(ms.type == "cohere");
    CHECK(ms.model == "mxbai");
    CHECK(ms.api_key_env == "CO_KEY");
    CHECK(ms.timeout_ms == 30000);
    CHECK(parse_reranker(to_json(ms), "x", "ms") == ms);

    auto f = failure_of(R"({"rerankers": {"ms": {"type": "colbert", "url": "http://h"}}})");
    CHECK(f.path == "rerankers.ms.type");
    f = failure_of(R"({"rerankers": {"ms": {"type": "tei"}}})");
    CHECK(f.path == "rerankers.ms.url");
    f = failure_of(R"({"rerankers": ["ms"]})");
    CHECK(f.path == "rerankers");
    f = failure_of(R"({"rerankers": {"a/b": {"type": "tei", "url": "http://h"}}})");
    CHECK(f.path == "rerankers.a/b");
}
