// The README's routes and status codes over HTTP: every route answers a method it does not
// serve with 405 and an `Allow` listing exactly the methods it does; each documented status
// (400 with the offending member's path, 401, 404, 405, 409, 413, 415) comes with the error
// body, and the request that caused it changed nothing.
#include <catch2/catch.hpp>

#include <sstream>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;

namespace {

std::set<std::string> allow_set(const std::string& header) {
    std::set<std::string> out;
    std::istringstream in(header);
    for (std::string method; std::getline(in, method, ',');) {
        method.erase(0, method.find_first_not_of(' '));
        method.erase(method.find_last_not_of(' ') + 1);
        out.insert(method);
    }
    return out;
}

std::string body_for(const std::string& method, const std::string& path) {
    if (method == "GET" || method == "DELETE") return "";
    if (path.find("_bulk") != std::string::npos) return "";
    return "{}";
}

}  // namespace

TEST_CASE("every route answers a method it does not serve with 405 and the exact Allow", "[e2e][routes]") {
    LoadedServer server;
    auto c = server.client();
    // The README's table; every GET route answers HEAD too. ".../documents/_bulk" is never a
    // document id: POST is its only method.
    const std::vector<std::pair<std::string, std::set<std::string>>> routes = {
        {"/health", {"GET", "HEAD"}},
        {"/_analyze", {"POST"}},
        {"/collections", {"GET", "HEAD"}},
        {"/collections/docs", {"GET", "HEAD", "PUT", "DELETE"}},
        {"/collections/docs/documents/d1", {"GET", "HEAD", "PUT", "DELETE"}},
        {"/collections/docs/documents/_bulk", {"POST"}},
        {"/collections/docs/search", {"POST"}},
    };
    for (const auto& [path, allowed] : routes) {
        for (const std::string method : {"GET", "PUT", "POST", "DELETE", "PATCH"}) {
            if (allowed.count(method)) continue;
            INFO(method << " " << path);
            const auto response = c.request(method, path, body_for(method, path));
            const auto error = require_error(response, 405);
            CHECK(error.at("type") == "method_not_allowed");
            CHECK(allow_set(response.header("Allow")) == allowed);
        }
    }
    // The server is unchanged by all of that.
    CHECK(json::parse(c.request("GET", "/collections/docs").body).at("stats").at("documents") == kCorpusSize);
    CHECK(c.request("GET", "/collections/docs/documents/d1").status == 200);
}

TEST_CASE("each documented status comes with the error body, and the failed request changed nothing",
          "[e2e][status]") {
    LoadedServer server;
    auto c = server.client();
    const std::string schema = R"({"id_field":"id","fields":{"t":{"type":"text"}}})";

    SECTION("400 names the offending member in path") {
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","k":0})"), 400, "k");
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","offset":-1})"), 400, "offset");
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"linear","alpha":2}})"),
                      400, "fusion.alpha");
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"rrf","weights":{"dense":-1}}})"),
                      400, "fusion.weights.dense");
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","vector":[1,0,0,0],"fusion":{"method":"rrf","window":0}})"),
                      400, "fusion.window");
        require_error(c.request("POST", "/collections/docs/search", R"({"vector":[1,0]})"), 400, "vector");
        require_error(c.request("POST", "/_analyze", R"({"analyzer":"english","text":"x","extra":1})"), 400, "extra");
        require_error(c.request("PUT", "/collections/broken", R"({"fields":{"t":{"type":"texty"}}})"), 400,
                      "fields.t.type");
        const auto bad_year = c.request("PUT", "/collections/docs/documents/v", R"({"title":"t","year":"soon","embedding":[1,0,0,0]})");
        require_error(bad_year, 400, "year");
        require_error(c.request("PUT", "/collections/docs/documents/v", R"({"title":"t","embedding":[1,0]})"), 400, "embedding");
        // None of them created anything.
        CHECK(c.request("GET", "/collections/broken").status == 404);
        CHECK(c.request("GET", "/collections/docs/documents/v").status == 404);
    }
    SECTION("404: unknown collection, document and route") {
        CHECK(require_error(c.request("GET", "/collections/nope"), 404).at("type") == "collection_not_found");
        CHECK(require_error(c.request("POST", "/collections/nope/search", R"({"query":"x"})"), 404).at("type") ==
              "collection_not_found");
        CHECK(require_error(c.request("GET", "/collections/docs/documents/nope"), 404).at("type") == "document_not_found");
        CHECK(require_error(c.request("DELETE", "/collections/docs/documents/nope"), 404).at("type") == "document_not_found");
        CHECK(require_error(c.request("GET", "/nope"), 404).at("type") == "route_not_found");
        CHECK(json::parse(c.request("GET", "/collections/docs").body).at("stats").at("documents") == kCorpusSize);
    }
    SECTION("409: the collection exists, and keeps its schema and documents") {
        const auto before = json::parse(c.request("GET", "/collections/docs").body);
        CHECK(require_error(c.request("PUT", "/collections/docs", schema), 409).at("type") == "collection_exists");
        CHECK(json::parse(c.request("GET", "/collections/docs").body).at("schema") == before.at("schema"));
        CHECK(json::parse(c.request("GET", "/collections/docs").body).at("stats").at("documents") == kCorpusSize);
    }
    SECTION("413: a body over server.max_body_bytes, nothing of it indexed") {
        std::string big;
        for (int i = 0; big.size() <= 65536; ++i) {
            big += json::serialize(json::object{{"id", numbered("big", i)}, {"title", std::string(200, 'x')},
                                                {"embedding", json::array{1, 0, 0, 0}}}) + "\n";
        }
        const auto response = c.request("POST", "/collections/docs/documents/_bulk", big, "application/x-ndjson");
        CHECK(require_error(response, 413).at("type") == "payload_too_large");
        auto again = server.client();
        CHECK(again.request("GET", "/collections/docs/documents/big0").status == 404);
        CHECK(json::parse(again.request("GET", "/collections/docs").body).at("stats").at("documents") == kCorpusSize);
    }
    SECTION("415: the wrong Content-Type for the route") {
        const auto json_for_bulk = c.request("POST", "/collections/docs/documents/_bulk",
                                             R"({"id":"m1","title":"t","embedding":[1,0,0,0]})" "\n", "application/json");
        CHECK(require_error(json_for_bulk, 415).at("type") == "unsupported_media_type");
        const auto text_for_put = c.request("PUT", "/collections/docs/documents/m1",
                                            R"({"id":"m1","title":"t","embedding":[1,0,0,0]})", "text/plain");
        CHECK(require_error(text_for_put, 415).at("type") == "unsupported_media_type");
        CHECK(require_error(c.request("PUT", "/collections/new", schema, "application/x-ndjson"), 415).at("type") ==
              "unsupported_media_type");
        CHECK(c.request("GET", "/collections/docs/documents/m1").status == 404);
        CHECK(c.request("GET", "/collections/new").status == 404);
    }
}

TEST_CASE("401 without the API key on every route but GET /health, nothing done", "[e2e][status][auth]") {
    LoadedServer server(R"(, "api_key": "sesame")", "sesame");
    auto c = server.client();
    struct Call {
        const char* method;
        const char* path;
        const char* body;
        const char* content_type;
    };
    const std::vector<Call> calls = {
        {"POST", "/_analyze", R"({"analyzer":"english","text":"x"})", "application/json"},
        {"GET", "/collections", "", ""},
        {"PUT", "/collections/locked", R"({"fields":{"t":{"type":"text"}}})", "application/json"},
        {"GET", "/collections/docs", "", ""},
        {"DELETE", "/collections/docs", "", ""},
        {"PUT", "/collections/docs/documents/k1", R"({"title":"t","embedding":[1,0,0,0]})", "application/json"},
        {"GET", "/collections/docs/documents/d1", "", ""},
        {"DELETE", "/collections/docs/documents/d1", "", ""},
        {"POST", "/collections/docs/documents/_bulk", R"({"id":"k2","title":"t","embedding":[1,0,0,0]})" "\n",
         "application/x-ndjson"},
        {"POST", "/collections/docs/search", R"({"query":"cat"})", "application/json"},
        {"GET", "/no/such/route", "", ""},  // no route discovery without the key
    };
    for (const auto& call : calls) {
        INFO(call.method << " " << call.path);
        for (const auto& headers : {std::vector<std::pair<std::string, std::string>>{},
                                    std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer wrong"}},
                                    std::vector<std::pair<std::string, std::string>>{{"Authorization", "sesame"}}}) {
            const auto response = c.request(call.method, call.path, call.body, call.content_type, headers);
            CHECK(require_error(response, 401).at("type") == "unauthorized");
            CHECK(response.header("WWW-Authenticate") == "Bearer");
        }
    }
    CHECK(c.request("GET", "/health").status == 200);
    const std::vector<std::pair<std::string, std::string>> key{{"Authorization", "Bearer sesame"}};
    CHECK(c.request("GET", "/collections/locked", "", "", key).status == 404);
    CHECK(c.request("GET", "/collections/docs/documents/k1", "", "", key).status == 404);
    CHECK(c.request("GET", "/collections/docs/documents/k2", "", "", key).status == 404);
    CHECK(c.request("GET", "/collections/docs/documents/d1", "", "", key).status == 200);
    CHECK(json::parse(c.request("GET", "/collections/docs", "", "", key).body).at("stats").at("documents") == kCorpusSize);
}
