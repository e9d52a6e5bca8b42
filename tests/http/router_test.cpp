#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "http/router.hpp"

using braid::http::BodyKind;
using braid::http::percent_decode;
using braid::http::Request;
using braid::http::Response;
using braid::http::Router;
using braid::http::split_path;

namespace {

Router table() {
    Router router;
    auto named = [](std::string name) {
        return [name](const Request&, const braid::http::PathParams&, const braid::http::Caller&) {
            Response r;
            r.body = name;
            return r;
        };
    };
    router.add({"GET", "/health", BodyKind::none, named("health"), braid::http::Action::open});
    router.add({"GET", "/collections/{name}", BodyKind::none, named("get_collection")});
    router.add({"PUT", "/collections/{name}", BodyKind::json, named("put_collection")});
    router.add({"PUT", "/collections/{name}/documents/{id}", BodyKind::json, named("put_document")});
    router.add({"GET", "/collections/{name}/documents/{id}", BodyKind::none, named("get_document")});
    router.add({"POST", "/collections/{name}/documents/_bulk", BodyKind::ndjson, named("bulk")});
    return router;
}

std::string handler_name(const Router& router, const char* method, const char* target) {
    const auto match = router.match(method, split_path(target));
    if (!match.route) return "";
    return match.route->handler(Request{}, match.params, braid::http::Caller{}).body;
}

}  // namespace

TEST_CASE("paths split into percent-decoded segments without the query string", "[http][router]") {
    CHECK(split_path("/").empty());
    CHECK(split_path("/health") == std::vector<std::string>{"health"});
    CHECK(split_path("/collections/") == std::vector<std::string>{"collections"});
    CHECK(split_path("/collections/a/documents/x%2Fy?pretty=1") ==
          std::vector<std::string>{"collections", "a", "documents", "x/y"});
    CHECK(split_path("/a/hello%20world#frag") == std::vector<std::string>{"a", "hello world"});
    CHECK(split_path("//x") == std::vector<std::string>{"", "x"});
    CHECK(percent_decode("caf%C3%A9%3f") == "caf\xc3\xa9?");
    CHECK_THROWS_AS(percent_decode("bad%2"), braid::Error);
    CHECK_THROWS_AS(percent_decode("bad%zz"), braid::Error);
    CHECK_THROWS_AS(split_path("/collections/%"), braid::Error);
}

TEST_CASE("routes match by method and pattern, literals before placeholders", "[http][router]") {
    const Router router = table();
    CHECK(handler_name(router, "GET", "/health") == "health");
    CHECK(handler_name(router, "GET", "/collections/scifact") == "get_collection");
    CHECK(handler_name(router, "PUT", "/collections/scifact") == "put_collection");
    CHECK(handler_name(router, "POST", "/collections/scifact/documents/_bulk") == "bulk");
    // "_bulk" is never a document id, whatever the method (issue 18).
    CHECK(handler_name(router, "GET", "/collections/scifact/documents/_bulk") == "");
    CHECK(handler_name(router, "PUT", "/collections/scifact/documents/_bulk") == "");
    CHECK(handler_name(router, "GET", "/collections/scifact/documents/_bulkx") == "get_document");
    CHECK(handler_name(router, "GET", "/collections/scifact/documents/a%2Fb") == "get_document");

    const auto match = router.match("PUT", split_path("/collections/c%20x/documents/d%2F1"));
    REQUIRE(match.route);
    CHECK(match.params == std::vector<std::string>{"c x", "d/1"});
}

TEST_CASE("an unknown path has no allowed methods - a known one lists them", "[http][router]") {
    const Router router = table();
    const auto missing = router.match("GET", split_path("/nothing/here"));
    CHECK_FALSE(missing.route);
    CHECK(missing.allowed.empty());
    CHECK(router.match("GET", split_path("/collections")).allowed.empty());
    CHECK(router.match("GET", split_path("/collections//documents/x")).allowed.empty());

    const auto wrong = router.match("DELETE", split_path("/collections/a"));
    CHECK_FALSE(wrong.route);
    CHECK(wrong.allowed == std::vector<std::string>{"GET", "PUT"});
    for (const char* method : {"PATCH", "GET", "PUT", "DELETE"}) {
        const auto bulk = router.match(method, split_path("/collections/a/documents/_bulk"));
        CHECK_FALSE(bulk.route);
        CHECK(bulk.allowed == std::vector<std::string>{"POST"});  // not PUT, GET as a document id
    }
}
