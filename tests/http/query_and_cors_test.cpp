#include <catch2/catch.hpp>

#include <algorithm>

#include "http/cors.hpp"
#include "http/query_string.hpp"

using namespace braid::http;

namespace {

std::string header(const Response& response, std::string_view name) {
    std::string value;
    std::size_t seen = 0;
    for (const auto& [key, v] : response.headers) {
        if (key != name) continue;
        value = v;
        ++seen;
    }
    CHECK(seen <= 1);  // never twice
    return value;
}

}  // namespace

TEST_CASE("query parameters: bare, valued, percent-decoded, absent", "[http][query]") {
    CHECK(query_parameter("/health?pretty", "pretty") == std::string());
    CHECK(query_parameter("/a?x=1&pretty=true#frag", "pretty") == std::string("true"));
    CHECK(query_parameter("/a?name=caf%C3%A9", "name") == std::string("caf\xc3\xa9"));
    CHECK_FALSE(query_parameter("/a?prettyish=1", "pretty"));
    CHECK_FALSE(query_parameter("/a", "pretty"));
    CHECK_FALSE(query_parameter("/a?pretty=%zz", "pretty"));
    CHECK(wants_pretty("/collections?pretty"));
    CHECK(wants_pretty("/collections?pretty=1"));
    CHECK(wants_pretty("/collections?k=2&pretty=true"));
    CHECK_FALSE(wants_pretty("/collections?pretty=false"));
    CHECK_FALSE(wants_pretty("/collections"));
}

TEST_CASE("CORS: off by default, exact origins or any", "[http][cors]") {
    const CorsPolicy off;
    CHECK_FALSE(off.enabled());
    Response plain;
    off.add_headers("https://app.example", plain);
    CHECK(plain.headers.empty());

    const CorsPolicy exact({"https://app.example", "http://localhost:3000"});
    CHECK(exact.allows("https://app.example"));
    CHECK(exact.allows("http://localhost:3000"));
    CHECK_FALSE(exact.allows("https://app.example.evil"));
    CHECK_FALSE(exact.allows(""));
    Response answer;
    exact.add_headers("https://app.example", answer);
    CHECK(header(answer, "Access-Control-Allow-Origin") == "https://app.example");
    CHECK(header(answer, "Vary") == "Origin");
    exact.add_headers("https://app.example", answer);  // a second pass adds nothing
    CHECK(header(answer, "Access-Control-Allow-Origin") == "https://app.example");
    Response refused;
    exact.add_headers("https://other.example", refused);
    CHECK(refused.headers.empty());

    const CorsPolicy any({"*"});
    Response open;
    any.add_headers("https://whoever.example", open);
    CHECK(header(open, "Access-Control-Allow-Origin") == "*");
    CHECK(header(open, "Vary").empty());
}

TEST_CASE("CORS preflight: 204 with methods, headers and max-age for an allowed origin only", "[http][cors]") {
    const CorsPolicy exact({"https://app.example"});
    const Response ok = exact.preflight("https://app.example", {"POST", "OPTIONS"});
    CHECK(ok.status == 204);
    CHECK(ok.body.empty());
    CHECK(header(ok, "Access-Control-Allow-Origin") == "https://app.example");
    CHECK(header(ok, "Access-Control-Allow-Methods") == "POST, OPTIONS");
    const std::string allowed = header(ok, "Access-Control-Allow-Headers");
    for (const char* name : {"Authorization", "Content-Type", "X-Request-Id"}) CHECK(allowed.find(name) != std::string::npos);
    CHECK(std::stoi(header(ok, "Access-Control-Max-Age")) > 0);

    const Response other = exact.preflight("https://evil.example", {"POST"});
    CHECK(other.status == 204);
    CHECK(header(other, "Access-Control-Allow-Origin").empty());
    CHECK(header(other, "Access-Control-Allow-Methods").empty());
    CHECK(header(other, "Allow") == "POST");
}
