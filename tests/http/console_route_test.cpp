#include <string>

#include <catch2/catch.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "engine/catalog.hpp"
#include "http/api.hpp"
#include "http/console_page.hpp"

namespace {

using braid::http::Api;
using braid::http::ApiOptions;
using braid::http::Request;
using braid::http::Response;

std::string header(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "";
}

Request get(std::string target) {
    Request request;
    request.method = "GET";
    request.target = std::move(target);
    return request;
}

}  // namespace

TEST_CASE("GET / serves the embedded console without the API key, under a strict policy") {
    braid::engine::Catalog catalog(braid::engine::CatalogOptions{},
                                   braid::analyzers::AnalyzerRegistry::with_builtins());
    ApiOptions options;
    options.api_key = "secret";
    const Api api(catalog, options);

    const Response page = api.handle(get("/"));
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body == braid::http::console_html());
    CHECK(page.body.find("<title>braid console</title>") != std::string::npos);
    const std::string policy = header(page, "Content-Security-Policy");
    CHECK(policy == braid::http::console_content_security_policy());
    CHECK(policy.find("default-src 'none'") != std::string::npos);
    CHECK(policy.find("script-src 'sha256-") != std::string::npos);
    CHECK(policy.find("unsafe") == std::string::npos);
    CHECK(header(page, "X-Content-Type-Options") == "nosniff");

    // Only the page is open: the data behind it still needs the key.
    CHECK(api.handle(get("/collections")).status == 401);
    Request post = get("/");
    post.method = "POST";
    post.authorization = "Bearer secret";
    CHECK(api.handle(post).status == 405);
}
