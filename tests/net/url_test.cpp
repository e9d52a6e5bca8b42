#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "net/url.hpp"

using braid::net::parse_url;

TEST_CASE("parse_url splits scheme, host, port and target", "[net]") {
    const auto a = parse_url("http://127.0.0.1:11434/v1/embeddings?x=1");
    CHECK(a.scheme == "http");
    CHECK(a.host == "127.0.0.1");
    CHECK(a.port == "11434");
    CHECK(a.target == "/v1/embeddings?x=1");
    CHECK(a.origin() == "http://127.0.0.1:11434");
    CHECK(a.host_header() == "127.0.0.1:11434");

    const auto b = parse_url("HTTPS://api.example.com");
    CHECK(b.tls());
    CHECK(b.port == "443");
    CHECK(b.target == "/");
    CHECK(b.host_header() == "api.example.com");

    const auto c = parse_url("http://[::1]:8080/rerank");
    CHECK(c.host == "::1");
    CHECK(c.port == "8080");
    CHECK(c.origin() == "http://[::1]:8080");
}

TEST_CASE("parse_url rejects what it cannot connect to, naming the URL", "[net]") {
    for (const char* bad : {"127.0.0.1:80/x", "ftp://h/x", "http://:80/", "http://h:0/", "http://h:99999/",
                            "http://h:abc/", "http://user@h/", "http://[::1/"}) {
        INFO(bad);
        try {
            parse_url(bad);
            FAIL("accepted");
        } catch (const braid::Error& e) {
            CHECK(e.type() == "invalid_url");
            CHECK(std::string(e.what()).find(bad) != std::string::npos);
        }
    }
}

TEST_CASE("join_url puts exactly one slash between base and path", "[net]") {
    CHECK(braid::net::join_url("http://h:1/v1/", "/embeddings") == "http://h:1/v1/embeddings");
    CHECK(braid::net::join_url("http://h:1", "embed") == "http://h:1/embed");
}
