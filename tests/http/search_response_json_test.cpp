#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "core/json_text.hpp"
#include "http/fusion_json.hpp"
#include "http/json_body.hpp"
#include "http/search_request_json.hpp"
#include "http/search_response_json.hpp"

using namespace braid;
namespace json = boost::json;

namespace {

engine::SearchResponse two_hits() {
    engine::SearchResponse response;
    engine::Hit a;
    a.id = "a";
    a.score = 0.5;
    a.document = R"({"id":"a","title":"forest"})";
    a.lexical = engine::SideContribution{1, 2.5f, 0.25, 0.125};
    a.dense = engine::SideContribution{3, 0.75f, 0.5, 0.375};
    engine::Hit b;
    b.id = "b";
    b.score = 0.25;
    b.document = R"({"id":"b"})";
    b.dense = engine::SideContribution{1, 0.5f, 0.5, 0.25};
    response.hits = {a, b};
    response.took_ms = 1.5;
    return response;
}

// Equal as braid writes them (1.0 and 1 are the same number in JSON; a parsed answer holds 1).
bool same_json(const json::value& a, const json::value& b) { return json_text(a) == json_text(b); }

}  // namespace

TEST_CASE("a response renders its hits, the applied fusion, the mode and took_ms", "[http][search_response]") {
    engine::SearchResponse response = two_hits();
    response.fusion = engine::RrfParams{};
    response.mode = engine::PlanKind::hybrid;
    response.stages = {.analyze_ms = 0.03125, .embed_ms = 0.5, .lexical_ms = 0.25, .dense_ms = 0.125,
                       .fusion_ms = 0.0625, .rerank_ms = 0, .fetch_ms = 0.375};
    CHECK(http::search_response_text(response) == json_text(json::parse(R"({
        "hits": [{"id":"a","score":0.5,"document":{"id":"a","title":"forest"},
                  "lexical":{"rank":1,"score":2.5},"dense":{"rank":3,"score":0.75}},
                 {"id":"b","score":0.25,"document":{"id":"b"},"dense":{"rank":1,"score":0.5}}],
        "fusion": {"method":"rrf","k":60.0,"window":100,"weights":{"lexical":1.0,"dense":1.0}},
        "mode": "hybrid",
        "took": {"embed_ms":0.5,"lexical_ms":0.25,"dense_ms":0.125,"fusion_ms":0.0625,"rerank_ms":0.0,"fetch_ms":0.375},
        "took_ms": 1.5})")));
    response.fusion.reset();
    CHECK(http::to_json(response).at("fusion").is_null());
}

TEST_CASE("a reranked, degraded response renders each hit's rerank, the settings and why", "[http][search_response]") {
    engine::SearchResponse response = two_hits();
    response.hits[0].rerank = engine::RerankScore{1, 0.75};
    response.rerank = engine::RerankEcho{"ms", 60, {"title"}, true};
    response.degraded = {"dense: the embedder is down"};
    const json::value out = http::to_json(response);
    CHECK(out.at("hits").at(0).at("rerank") == json::parse(R"({"rank":1,"score":0.75})"));
    CHECK_FALSE(out.at("hits").at(1).as_object().contains("rerank"));
    CHECK(out.at("rerank") == json::parse(R"({"reranker":"ms","window":60,"fields":["title"],"on_error":"skip"})"));
    CHECK(out.at("degraded") == json::parse(R"(["dense: the embedder is down"])"));
    CHECK(out.at("mode") == "lexical");
}

TEST_CASE("the fusion echo is what the request reader reads, defaults included", "[http][search_response]") {
    CHECK(http::fusion_json(engine::LinearParams{}) ==
          json::parse(R"({"method":"linear","alpha":0.5,"normalization":"minmax","window":100})"));
    for (const char* given : {R"({"method":"rrf","k":30.0,"window":50,"weights":{"lexical":2.0,"dense":0.5}})",
                              R"({"method":"linear","alpha":0.7,"normalization":"zscore","window":40})"}) {
        const json::value body = json::parse(given);
        CHECK(http::fusion_json(http::read_fusion(body, 1000)) == body);
    }
}

TEST_CASE("with explain, sides show their fusion view and the query-level explanation is rendered",
          "[http][search_response]") {
    engine::SearchResponse response = two_hits();
    response.hits[0].explanation =
        engine::HitExplanation{{engine::TermExplanation{"*", "forest", 2, 7, 1.5f, 10, 12.5f, 1.0f, 2.5f}}};
    engine::SearchExplanation explain;
    explain.plan = engine::PlanKind::hybrid;
    explain.query_tokens = {engine::FieldQuery{"title", 2.0f, {"forest", "river"}}, engine::FieldQuery{"body", 1.0f, {}}};
    explain.lexical = engine::LexicalRunExplanation{engine::MatchOperator::all, 4};
    explain.dense = engine::DenseRunExplanation{true, 64, 9, 3};
    explain.filter_allowed_count = 9;
    response.explain = explain;
    const json::value rendered = http::to_json(response);
    CHECK(rendered.at("hits").at(0).at("lexical") ==
          json::parse(R"({"rank":1,"score":2.5,"normalized":0.25,"contribution":0.125})"));
    CHECK(same_json(rendered.at("hits").at(0).at("explanation"),
                    json::parse(R"({"terms":[{"field":"*","term":"forest","tf":2,"df":7,"idf":1.5,"field_length":10,
                                    "avg_field_length":12.5,"boost":1.0,"score":2.5}]})")));
    CHECK_FALSE(rendered.at("hits").at(1).as_object().contains("explanation"));
    CHECK(rendered.at("explain") == json::parse(R"({
        "plan":"hybrid", "query_tokens":{"title":["forest","river"],"body":[]},
        "lexical":{"operator":"and","candidates":4},
        "dense":{"mode":"exact","ef_search":64,"allowed_count":9,"candidates":3},
        "filter":{"allowed_count":9}})"));

    engine::SearchExplanation dense_only;
    dense_only.plan = engine::PlanKind::dense;
    dense_only.dense = engine::DenseRunExplanation{false, 100, std::nullopt, 3};
    response.explain = dense_only;
    CHECK(http::to_json(response).at("explain") ==
          json::parse(R"({"plan":"dense","dense":{"mode":"hnsw","ef_search":100,"candidates":3}})"));
}
