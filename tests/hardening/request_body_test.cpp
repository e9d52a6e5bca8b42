// Hostile JSON bodies against the real server: each is a 4xx naming what was wrong and where,
// and the server keeps serving.
#include <string>
#include <vector>

#include "tests/hardening/hardening_support.hpp"

using namespace braid::hardening;
using braid::test_support::json_of;

TEST_CASE("malformed JSON bodies are 400 parse errors on every JSON route", "[hardening]") {
    auto c = client();
    const std::vector<std::string> broken = {"",  "{", "{\"query\":\"cat\",}", "{\"query\" \"cat\"}",
                                             "nul", "{\"query\":\"cat\"} trailing", "\x01\x02\x03"};
    for (const auto& body : broken) {
        INFO("body: " << body);
        require_error(post_search(c, body), 400);
        require_error(c.request("PUT", "/collections/docs/documents/x1", body), 400);
        require_error(c.request("POST", "/_analyze", body), 400);
        require_error(c.request("PUT", "/collections/fresh", body), 400);
    }
    // Valid JSON that is not an object.
    for (const std::string body : {"[]", "\"cat\"", "42", "null"}) {
        INFO("body: " << body);
        require_error(post_search(c, body), 400);
        require_error(c.request("PUT", "/collections/docs/documents/x1", body), 400);
    }
    CHECK(c.request("GET", "/collections/docs/documents/x1").status == 404);
    CHECK(c.request("GET", "/collections/fresh").status == 404);
    require_healthy();
}

TEST_CASE("members of the wrong type are 400 and name the member", "[hardening]") {
    auto c = client();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"query":5})", "query"},
        {R"({"query":["cat"]})", "query"},
        {R"({"query":"cat","k":"10"})", "k"},
        {R"({"query":"cat","k":2.5})", "k"},
        {R"({"query":"cat","offset":true})", "offset"},
        {R"({"vector":"1,0,0,0"})", "vector"},
        {R"({"vector":{"0":1}})", "vector"},
        {R"({"query":"cat","fusion":"rrf"})", "fusion"},
        {R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"rrf","k":"60"}})", "k"},
        {R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"rrf","weights":[1,1]}})", "weights"},
        {R"({"query":"cat","fields":["title"]})", "fields"},
        {R"({"query":"cat","fields":{"title":"high"}})", "title"},
        {R"({"query":"cat","filter":3})", "filter"},
        {R"({"query":"cat","filter":{"year":{"gte":"2010"}}})", "year"},
        {R"({"query":"cat","explain":"yes"})", "explain"},
        {R"({"query":"cat","ef_search":[]})", "ef_search"},
    };
    for (const auto& [body, where] : cases) {
        INFO("body: " << body);
        require_names(require_error(post_search(c, body), 400), where);
    }
    require_names(require_error(c.request("POST", "/_analyze", R"({"text":7})"), 400), "text");
    require_names(require_error(c.request("POST", "/_analyze", R"({"text":"x","analyzer":1})"), 400), "analyzer");
    // A document whose filter field or vector has the wrong type.
    require_names(require_error(c.request("PUT", "/collections/docs/documents/x2", R"({"year":"late","embedding":[1,0,0,0]})"), 400), "year");
    require_names(require_error(c.request("PUT", "/collections/docs/documents/x2", R"({"title":"t","embedding":"up"})"), 400), "embedding");
    CHECK(c.request("GET", "/collections/docs/documents/x2").status == 404);
    require_healthy();
}

TEST_CASE("unknown members are 400 with their path, also nested ones", "[hardening]") {
    auto c = client();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"query":"cat","limit":3})", "limit"},
        {R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"rrf","kk":60}})", "kk"},
        {R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"rrf","weights":{"sparse":1}}})", "sparse"},
        {R"({"query":"cat","filter":{"year":{"between":[1,2]}}})", "between"},
        {R"({"query":"cat","fields":{"no_such_field":1}})", "no_such_field"},
        {R"({"query":"cat","filter":{"no_such_field":"x"}})", "no_such_field"},
    };
    for (const auto& [body, where] : cases) {
        INFO("body: " << body);
        require_names(require_error(post_search(c, body), 400), where);
    }
    require_names(require_error(c.request("POST", "/_analyze", R"({"text":"x","lang":"en"})"), 400), "lang");
    require_names(require_error(c.request("PUT", "/collections/fresh",
                                          R"({"fields":{"t":{"type":"text","analyzer":"en"}},"replicas":3})"), 400), "replicas");
    CHECK(c.request("GET", "/collections/fresh").status == 404);
    require_healthy();
}

TEST_CASE("vectors of the wrong dimension, with non-numbers or overflowing numbers are 400", "[hardening]") {
    auto c = client();
    const std::vector<std::string> vectors = {
        "[1,0,0,0,0]", "[]", "[1,\"a\",0,0]", "[1,null,0,0]", "[1,[0],0,0]", "[1,true,0,0]",
        "[1e999,0,0,0]", "[-1e999,0,0,0]", "[1,1e400,0,0]", "[1e308,1e308,1e308,1e308]",
    };
    for (const auto& vector : vectors) {
        INFO("vector: " << vector);
        require_names(require_error(post_search(c, R"({"vector":)" + vector + "}"), 400), "vector");
        require_names(require_error(post_search(c, R"({"query":"cat","vector":)" + vector + "}"), 400), "vector");
        require_names(require_error(c.request("PUT", "/collections/docs/documents/v1",
                                              R"({"title":"t","embedding":)" + vector + "}"), 400),
                      "embedding");
    }
    CHECK(c.request("GET", "/collections/docs/documents/v1").status == 404);
    // In a bulk body the overflowing line fails alone, with its line number.
    const auto bulk = c.request("POST", "/collections/docs/documents/_bulk",
                                R"({"id":"v2","title":"ok","embedding":[1,0,0,0]})" "\n"
                                R"({"id":"v3","title":"inf","embedding":[1e999,0,0,0]})" "\n",
                                "application/x-ndjson");
    REQUIRE(bulk.status == 200);
    const auto answer = json_of(bulk);
    CHECK(answer.at("indexed") == 1);
    CHECK(answer.at("failed") == 1);
    CHECK(answer.at("errors").at(0).at("line") == 2);
    CHECK(c.request("GET", "/collections/docs/documents/v3").status == 404);
    CHECK(c.request("DELETE", "/collections/docs/documents/v2").status == 200);
    // Still finds things by vector afterwards: no NaN got into the index.
    CHECK(post_search(c, R"({"vector":[1,0,0.1,1],"k":3})").status == 200);
    require_healthy();
}

TEST_CASE("negative or absurd k, offset, window and ef_search are 400 naming the member", "[hardening]") {
    auto c = client();
    const std::string hybrid = R"("query":"cat","vector":[1,0,0,0])";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"query":"cat","k":1000000000})", "k"},
        {R"({"query":"cat","k":1e999})", "k"},
        {R"({"query":"cat","k":18446744073709551616})", "k"},
        {R"({"query":"cat","offset":-1})", "offset"},
        {R"({"query":"cat","offset":1000000000000})", "offset"},
        {"{" + hybrid + R"(,"fusion":{"method":"rrf","window":-1}})", "window"},
        {"{" + hybrid + R"(,"fusion":{"method":"rrf","window":1000000000}})", "window"},
        {"{" + hybrid + R"(,"fusion":{"method":"rrf","k":-60}})", "k"},
        {"{" + hybrid + R"(,"fusion":{"method":"rrf","weights":{"lexical":-1}}})", "lexical"},
        {"{" + hybrid + R"(,"fusion":{"method":"linear","alpha":1.5}})", "alpha"},
        {"{" + hybrid + R"(,"fusion":{"method":"linear","alpha":1e999}})", "alpha"},
        {"{" + hybrid + R"(,"fusion":{"method":"linear","window":-5}})", "window"},
        {R"({"vector":[1,0,0,0],"ef_search":-1})", "ef_search"},
        {R"({"vector":[1,0,0,0],"ef_search":4000000000})", "ef_search"},
    };
    for (const auto& [body, where] : cases) {
        INFO("body: " << body);
        require_names(require_error(post_search(c, body), 400), where);
    }
    require_healthy();
}

TEST_CASE("unknown fusion methods and normalizations are 400 naming the member", "[hardening]") {
    auto c = client();
    const std::string hybrid = R"("query":"cat","vector":[1,0,0,0])";
    for (const std::string fusion : {R"({"method":"borda"})", R"({"method":""})", R"({"method":5})",
                                     R"({"method":"linear","normalization":"softmax"})",
                                     R"({"method":"rrf","normalization":"minmax"})"}) {
        INFO("fusion: " << fusion);
        const auto error = require_error(post_search(c, "{" + hybrid + ",\"fusion\":" + fusion + "}"), 400);
        const auto* path = error.if_contains("path");
        REQUIRE(path != nullptr);
        CHECK(std::string(path->as_string()).rfind("fusion", 0) == 0);
    }
    require_healthy();
}

TEST_CASE("unknown collections and documents are 404 on every route", "[hardening]") {
    auto c = client();
    require_error(c.request("GET", "/collections/nope"), 404);
    require_error(c.request("DELETE", "/collections/nope"), 404);
    require_error(c.request("PUT", "/collections/nope/documents/1", R"({"title":"t"})"), 404);
    require_error(c.request("GET", "/collections/nope/documents/1"), 404);
    require_error(c.request("DELETE", "/collections/nope/documents/1"), 404);
    require_error(c.request("POST", "/collections/nope/documents/_bulk", "{\"id\":\"1\"}\n", "application/x-ndjson"), 404);
    require_error(c.request("POST", "/collections/nope/search", R"({"query":"cat"})"), 404);
    require_error(c.request("GET", "/collections/docs/documents/never-was"), 404);
    require_error(c.request("DELETE", "/collections/docs/documents/never-was"), 404);
    require_error(c.request("GET", "/collections/docs/documents/%F0%9F%90%88"), 404);  // a valid UTF-8 id
    require_error(c.request("POST", "/_analyze", R"({"analyzer":"klingon","text":"x"})"), 400, "unknown_analyzer");
    require_healthy();
}
