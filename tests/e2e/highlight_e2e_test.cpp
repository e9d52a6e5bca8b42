// "highlight" over HTTP: per hit, snippets of the requested text fields around the query's
// matches, in lexical, dense-with-text, hybrid and reranked answers; bad inputs are 400 with
// their JSON path. Expected snippets are written from the fixture's documents.
#include <catch2/catch.hpp>

#include <string>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/e2e/model_stand_ins.hpp"

namespace braid::e2e {
namespace {

json::value doc_of(const json::value& answer, const std::string& id) {
    for (const auto& hit : answer.at("hits").as_array())
        if (hit.at("id") == id.c_str()) return hit;
    FAIL("no hit " << id);
    return {};
}

// Every hit of `answer` has a highlight with body fragments marking "cat" (the fixture's bodies
// all end "and a cat").
void every_body_marks_cat(const json::value& answer) {
    REQUIRE(!answer.at("hits").as_array().empty());
    for (const auto& hit : answer.at("hits").as_array()) {
        INFO(json::serialize(hit));
        const auto& body = hit.at("highlight").at("body").as_array();
        REQUIRE(body.size() == 1);
        CHECK(std::string(body[0].as_string()).find("<em>cat</em>") != std::string::npos);
    }
}

}  // namespace

TEST_CASE("highlight: lexical hits carry snippets of the asked fields, stems marked in the source", "[e2e][highlight]") {
    LoadedServer server;
    auto c = server.client();
    const auto answer = search_ok(c, {{"query", "dogs"}, {"k", 3}, {"highlight", {{"fields", {"title", "body"}}}}});
    const auto& hits = answer.at("hits").as_array();
    REQUIRE(hits.size() == 3);
    for (const auto& hit : hits) {
        const int i = std::stoi(std::string(hit.at("id").as_string()).substr(1));
        INFO(json::serialize(hit));
        const auto& highlight = hit.at("highlight").as_object();
        if (i % 3 == 0)
            CHECK(highlight.at("body") ==
                  json::array{"This text is number " + std::to_string(i) + " with a <em>dog</em> and a cat"});
        else
            CHECK_FALSE(highlight.contains("body"));
        if (i % 4 == 3)
            CHECK(highlight.at("title") == json::array{"Document " + std::to_string(i) + " about cats and <em>dogs</em>"});
        else
            CHECK_FALSE(highlight.contains("title"));
    }
    // Without "highlight", no member; with include, the highlighted field may be left out of the document.
    CHECK_FALSE(search_ok(c, {{"query", "dogs"}}).at("hits").at(0).as_object().contains("highlight"));
    const auto selected = search_ok(c, {{"query", "dog"}, {"include", {"id"}}, {"highlight", {{"fields", {"body"}}}}});
    const auto& first = selected.at("hits").at(0).as_object();
    CHECK(first.at("document") == json::object{{"id", first.at("id")}});
    CHECK(std::string(first.at("highlight").at("body").at(0).as_string()).find("<em>dog</em>") != std::string::npos);
}

TEST_CASE("highlight: phrases mark only their own positions, and tags, encoder and no_match_size apply", "[e2e][highlight]") {
    LoadedServer server;
    auto c = server.client();
    // d3: title "Document 3 about cats and dogs", body "This text is number 3 with a dog and a cat".
    const auto phrase = search_ok(c, {{"query", "\"dog and a cat\""}, {"syntax", "simple"}, {"k", 40},
                                      {"highlight", {{"fields", {"title", "body"}}, {"pre", "["}, {"post", "]"}}}});
    const auto d3 = doc_of(phrase, "d3");
    CHECK(d3.at("highlight") == json::object{{"body", {"This text is number 3 with a [dog] and a [cat]"}}});

    const auto escaped = search_ok(c, {{"query", "cat"}, {"k", 1},
                                       {"highlight", {{"fields", {"body", "title"}}, {"encoder", "html"}, {"no_match_size", 12}, {"fragment_size", 20}}}});
    const auto& hit = escaped.at("hits").at(0).as_object();
    INFO(json::serialize(hit));
    const auto& highlight = hit.at("highlight").as_object();
    CHECK(std::string(highlight.at("body").at(0).as_string()).find("<em>cat</em>") != std::string::npos);
    CHECK(highlight.at("body").at(0).as_string().size() <= 20 + 9);
    CHECK(highlight.contains("title"));  // a title with "cat" or its start (no_match_size)
}

TEST_CASE("highlight: hybrid and dense-with-text hits are highlighted from the query's terms", "[e2e][highlight]") {
    LoadedServer server;
    auto c = server.client();
    const json::array vector{1.0, 0.2, 0.3, 1.0};
    const json::object highlight{{"fields", {"body"}}};
    const auto hybrid = search_ok(c, {{"query", "cat"}, {"vector", vector}, {"k", 20}, {"highlight", highlight},
                                      {"fusion", {{"method", "rrf"}, {"window", 40}}}});
    every_body_marks_cat(hybrid);
    const auto dense = search_ok(c, {{"query", "cat"}, {"vector", vector}, {"mode", "dense"}, {"k", 5}, {"highlight", highlight}});
    CHECK(dense.at("hits").at(0).as_object().contains("dense"));
    every_body_marks_cat(dense);
    // A vector alone has no terms to highlight: no highlight member.
    const auto vector_only = search_ok(c, {{"vector", vector}, {"k", 2}, {"highlight", highlight}});
    CHECK_FALSE(vector_only.at("hits").at(0).as_object().contains("highlight"));
}

TEST_CASE("highlight: reranked answers carry highlights", "[e2e][highlight]") {
    test_support::TempDir dir{"braid-highlight"};
    ToyReranker reranker;
    const auto config = dir.write("braid.json", std::string(R"({
  "server": {"host": "127.0.0.1", "port": 0, "data_dir": "data", "threads": 2},
  "rerankers": {"words": {"type": "cohere", "url": ")" + reranker.server.url() + R"(", "model": "toy-rerank", "timeout_ms": 2000, "max_retries": 0}},
  "collections": [{"name": "docs", "fields": {"title": {"type": "text", "analyzer": "english"}, "body": {"type": "text", "analyzer": "english"}}}]
})"));
    test_support::BraidServer server(config);
    Client c("127.0.0.1", server.port());
    std::string ndjson;
    for (int i = 0; i < 12; ++i) {
        const auto doc = test_support::corpus_doc(i);
        ndjson += json::serialize(json::object{{"id", doc.at("id")}, {"title", doc.at("title")}, {"body", doc.at("body")}}) + "\n";
    }
    REQUIRE(c.request("POST", "/collections/docs/documents/_bulk", ndjson, "application/x-ndjson").status == 200);
    const auto answer = search_ok(c, {{"query", "cat dog"}, {"k", 4}, {"rerank", {{"reranker", "words"}, {"window", 12}}},
                                      {"highlight", {{"fields", {"body"}}}}});
    for (const auto& hit : answer.at("hits").as_array()) CHECK(hit.as_object().contains("rerank"));
    every_body_marks_cat(answer);
}

TEST_CASE("highlight: bad inputs are 400 naming their JSON path", "[e2e][highlight]") {
    LoadedServer server;
    auto c = server.client();
    auto post = [&](json::value highlight) {
        return c.request("POST", "/collections/docs/search",
                         json::serialize(json::object{{"query", "cat"}, {"highlight", std::move(highlight)}}));
    };
    require_error(post("body"), 400, "highlight");
    require_error(post(json::object{}), 400, "highlight.fields");
    require_error(post({{"fields", json::array{}}}), 400, "highlight.fields");
    require_error(post({{"fields", {1}}}), 400, "highlight.fields[0]");
    CHECK(require_error(post({{"fields", {"body", "nope"}}}), 400, "highlight.fields[1]").at("type") == "unknown_field");
    CHECK(require_error(post({{"fields", {"year"}}}), 400, "highlight.fields[0]").at("type") == "unknown_field");
    require_error(post({{"fields", {"body"}}, {"fragment_size", 5}}), 400, "highlight.fragment_size");
    require_error(post({{"fields", {"body"}}, {"fragment_size", "big"}}), 400, "highlight.fragment_size");
    require_error(post({{"fields", {"body"}}, {"fragments", 0}}), 400, "highlight.fragments");
    require_error(post({{"fields", {"body"}}, {"fragments", 101}}), 400, "highlight.fragments");
    require_error(post({{"fields", {"body"}}, {"no_match_size", -1}}), 400, "highlight.no_match_size");
    require_error(post({{"fields", {"body"}}, {"encoder", "xml"}}), 400, "highlight.encoder");
    require_error(post({{"fields", {"body"}}, {"pre", 1}}), 400, "highlight.pre");
    require_error(post({{"fields", {"body"}}, {"post", std::string(300, 'x')}}), 400, "highlight.post");
    CHECK(require_error(post({{"fields", {"body"}}, {"order", "score"}}), 400).at("type") == "unknown_member");
}

}  // namespace braid::e2e
