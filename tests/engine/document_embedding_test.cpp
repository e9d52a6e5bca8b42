// The engine with a collection embedder and a reranker (issue 13), through protocol-faithful
// stand-ins: what is embedded and stored, what fails alone, the query cache, modes, degradation
// and the rerank stage's order and page.
#include <catch2/catch.hpp>

#include <cmath>
#include <iterator>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "core/error.hpp"
#include "engine/catalog.hpp"
#include "engine/reranker_set.hpp"
#include "tests/e2e/model_stand_ins.hpp"

namespace braid::engine {
namespace {

namespace json = boost::json;
using e2e::toy_embedding;
using e2e::ToyEmbedder;
using e2e::ToyReranker;

config::CollectionConfig notes_schema(const std::string& url, const std::string& extra = "") {
    const std::string text = R"({"fields": {"title": {"type": "text", "analyzer": "english"}, "body": {"type": "text"}},
        "vector": {"dimension": 8, "index": {"type": "flat"},
                   "embedder": {"type": "openai", "url": ")" + url + R"(", "model": "toy", "batch_size": 2,
                                "max_concurrency": 2, "timeout_ms": 2000, "max_retries": 0)" + extra + "}}}";
    return config::parse_collection(json::parse(text), "", "notes");
}

struct Fixture {
    ToyEmbedder embedder;
    ToyReranker reranker;
    std::unique_ptr<Catalog> catalog;
    std::shared_ptr<Collection> notes;

    explicit Fixture(const std::string& extra = "") {
        CatalogOptions options;
        config::RerankerConfig words;
        words.name = "words";
        words.type = "cohere";
        words.url = reranker.server.url();
        words.max_retries = 0;
        options.rerankers = std::make_shared<const RerankerSet>(std::vector<config::RerankerConfig>{words});
        catalog = std::make_unique<Catalog>(std::move(options), analyzers::AnalyzerRegistry::with_builtins());
        catalog->open({});
        notes = catalog->create(notes_schema(embedder.url(), extra));
    }
};

std::string ndjson(std::initializer_list<const char*> lines) {
    std::string out;
    for (const char* line : lines) out += std::string(line) + "\n";
    return out;
}

}  // namespace

TEST_CASE("bulk embeds what lacks a vector, keeps what has one, and fails only the refused line") {
    Fixture f;
    const auto result = f.notes->bulk(ndjson({
        R"({"id":"a","title":"red apples","body":"fruit"})",
        R"({"id":"b","title":"poison berries","body":"do not eat"})",
        R"({"id":"c","title":"green pears","embedding":[1,0,0,0,0,0,0,0]})",
        R"({"id":"d","title":"yellow bananas"})",
        R"({"id":"e","year":1})",
        R"({"id":"f","title":"plums","embedding":[1,2]})",
    }));
    CHECK(result.indexed == 4);  // a, c, d, and e (no text to embed: stored without a vector)
    CHECK(result.failed == 2);
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].line == 2);
    CHECK(result.errors[0].type == "embedder_error");
    CHECK(result.errors[1].line == 6);
    CHECK(result.errors[1].type == "invalid_vector");
    CHECK(f.embedder.texts.load() == 2);  // a and d; the refused batch's texts are not counted
    CHECK(f.notes->stats().vectors == 3);

    const auto a = f.notes->get("a")->as_object();
    CHECK(a.at("title") == "red apples");
    CHECK(a.at("embedding").as_array().size() == 8);
    CHECK(f.notes->get("c")->at("embedding") == json::parse("[1,0,0,0,0,0,0,0]"));
    CHECK_FALSE(f.notes->get("e")->as_object().contains("embedding"));
    CHECK_FALSE(f.notes->get("b").has_value());
}

TEST_CASE("a stored document keeps its text as it came, with the vector member appended") {
    Fixture f;
    f.notes->upsert_text("x", R"({"id":"x","title":"sleep well","n":1.50})");
    const json::value stored = *f.notes->get("x");
    CHECK(stored.at("n").as_double() == 1.5);
    const auto& object = stored.as_object();
    CHECK(std::next(object.begin(), 3)->key() == "embedding");  // appended after the members given
    const auto& v = stored.at("embedding").as_array();
    const auto expected = toy_embedding("sleep well");
    double norm = 0;
    for (const double x : expected) norm += x * x;
    for (std::size_t i = 0; i < v.size(); ++i) CHECK(v[i].to_number<double>() == Approx(expected[i] / std::sqrt(norm)).margin(1e-6));

    try {
        f.notes->upsert_text("y", R"({"id":"y","title":"poison"})");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::bad_gateway);
        CHECK(std::string(e.what()).find(f.embedder.url()) != std::string::npos);
    }
    CHECK_FALSE(f.notes->get("y").has_value());
}

TEST_CASE("search modes, the query cache and the stage timings") {
    Fixture f;
    f.notes->bulk(ndjson({R"({"id":"a","title":"red apples"})", R"({"id":"b","title":"green apples"})",
                          R"({"id":"c","title":"sleep and dreams"})"}));
    SearchRequest request;
    request.query = "apples";
    const int before = f.embedder.texts.load();
    const auto hybrid = f.notes->search(request);
    CHECK(hybrid.mode == PlanKind::hybrid);
    CHECK(hybrid.fusion.has_value());
    CHECK(hybrid.stages.embed_ms >= 0);
    CHECK(f.embedder.texts.load() == before + 1);
    request.mode = SearchMode::dense;
    const auto dense = f.notes->search(request);
    CHECK(dense.mode == PlanKind::dense);
    CHECK(dense.hits.size() == 3);
    CHECK(f.embedder.texts.load() == before + 1);  // cached
    request.mode = SearchMode::lexical;
    CHECK(f.notes->search(request).hits.size() == 2);

    SearchRequest vector_only;
    vector_only.vector = std::vector<float>(8, 0.5f);
    vector_only.mode = SearchMode::hybrid;
    CHECK_THROWS_AS(f.notes->search(vector_only), Error);
}

TEST_CASE("a dead embedder fails a search with 503, or degrades to lexical when asked") {
    Fixture f(R"(, "on_embedder_error": "lexical")");
    f.notes->bulk(ndjson({R"({"id":"a","title":"red apples"})"}));
    f.embedder.server.stop();
    SearchRequest request;
    request.query = "apples unseen";
    const auto degraded = f.notes->search(request);
    CHECK(degraded.mode == PlanKind::lexical);
    REQUIRE(degraded.degraded.size() == 1);
    CHECK(degraded.degraded[0].rfind("dense: ", 0) == 0);
    CHECK(degraded.hits.size() == 1);
    request.lexical_on_embedder_error = false;
    try {
        f.notes->search(request);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::unavailable);
        CHECK(e.type() == "embedder_unavailable");
    }
}

TEST_CASE("rerank orders the grown window by the reranker and pages it") {
    Fixture f;
    f.notes->bulk(ndjson({R"({"id":"a","title":"apples","body":"x"})", R"({"id":"b","title":"apples pears","body":"x"})",
                          R"({"id":"c","title":"apples pears plums","body":"x"})", R"({"id":"d","title":"apples"})"}));
    SearchRequest request;
    request.query = "apples pears plums";
    request.mode = SearchMode::lexical;
    request.k = 2;
    request.offset = 1;
    request.rerank = RerankRequest{"words", 2, {"title"}, false};
    const auto response = f.notes->search(request);
    REQUIRE(response.rerank.has_value());
    CHECK(response.rerank->window == 3);
    REQUIRE(response.hits.size() == 2);
    CHECK(response.hits[0].id == "b");
    CHECK(response.hits[0].rerank->rank == 2);
    CHECK(response.hits[0].rerank->score == 2.0);
    CHECK(response.hits[1].rerank->rank == 3);

    request.rerank->reranker = "nope";
    try {
        f.notes->search(request);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.type() == "unknown_reranker");
        CHECK(e.path() == "rerank.reranker");
    }
    request.rerank = RerankRequest{"words", 10, {"year"}, false};
    CHECK_THROWS_AS(f.notes->search(request), Error);
}

}  // namespace braid::engine
