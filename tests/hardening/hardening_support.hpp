#pragma once
// One server for the hardening tests: a short request timeout, a 64 KiB body limit, max_k 100,
// loaded with the 40-document e2e corpus through the bulk route.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "tests/hardening/raw_connection.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace braid::hardening {

inline constexpr int request_timeout_ms = 500;

struct HardenedServer {
    test_support::TempDir dir;
    std::unique_ptr<test_support::BraidServer> server;

    HardenedServer() {
        // data_dir sits two levels down so a traversal that escaped it would still land in `dir`
        // where the test can see it.
        std::string config = test_support::test_config();
        replace(config, R"("data_dir": "data")", R"("data_dir": "outer/inner/data")");
        replace(config, R"("request_timeout_ms": 5000)",
                "\"request_timeout_ms\": " + std::to_string(request_timeout_ms));
        server = std::make_unique<test_support::BraidServer>(dir.write("braid.json", config));
        http::Client client("127.0.0.1", server->port());
        const auto answer = client.request("POST", "/collections/docs/documents/_bulk", test_support::corpus_ndjson(),
                                           "application/x-ndjson");
        REQUIRE(answer.status == 200);
    }
    std::uint16_t port() const { return server->port(); }

private:
    static void replace(std::string& text, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
};

inline HardenedServer& shared_server() {
    static HardenedServer instance;
    return instance;
}

inline http::Client client() { return http::Client("127.0.0.1", shared_server().port()); }

// A 4xx (exactly `status`) whose body is {"error":{"type","message"}}; returns the error object.
inline boost::json::object require_error(const http::ClientResponse& response, unsigned status,
                                         const std::string& type = "") {
    INFO("status " << response.status << " body " << response.body);
    REQUIRE(response.status == status);
    const auto body = test_support::json_of(response);
    REQUIRE(body.is_object());
    REQUIRE(body.as_object().contains("error"));
    const auto& error = body.at("error").as_object();
    REQUIRE(error.contains("type"));
    REQUIRE(error.contains("message"));
    CHECK_FALSE(error.at("type").as_string().empty());
    CHECK_FALSE(error.at("message").as_string().empty());
    if (!type.empty()) CHECK(error.at("type") == type.c_str());
    return error;
}

// The error names where the problem is: its `path` or its message mentions `where`.
inline void require_names(const boost::json::object& error, const std::string& where) {
    INFO(boost::json::serialize(error));
    const auto* path = error.if_contains("path");
    const bool in_path = path != nullptr && path->is_string() &&
                         std::string(path->as_string()).find(where) != std::string::npos;
    const bool in_message = std::string(error.at("message").as_string()).find(where) != std::string::npos;
    CHECK((in_path || in_message));
}

inline void require_healthy() {
    auto fresh = client();
    const auto health = fresh.request("GET", "/health");
    REQUIRE(health.status == 200);
    REQUIRE(test_support::json_of(health).at("status") == "ok");
}

inline http::ClientResponse post_search(http::Client& c, const std::string& body) {
    return c.request("POST", "/collections/docs/search", body);
}

}  // namespace braid::hardening
