// What PUT /collections/{name} accepts: a schema, never a path on the server's disk.
#include <catch2/catch.hpp>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;

TEST_CASE("a collection created over HTTP cannot name server-side sources - limits state the limit",
          "[e2e][schema]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    const auto sources = c.request("PUT", "/collections/x",
                                   R"({"fields": {"t": {"type": "text"}}, "sources": [{"path": "/etc/passwd"}]})");
    CHECK(sources.status == 400);
    CHECK(json_of(sources).at("error").at("path") == "sources");
    CHECK(c.request("GET", "/collections/x").status == 404);  // nothing was created

    const auto huge = c.request("PUT", "/collections/x", R"({"vector": {"dimension": 100000000}})");
    CHECK(huge.status == 400);
    CHECK(json_of(huge).at("error").at("path") == "vector.dimension");
    const std::string message(json_of(huge).at("error").at("message").as_string());
    CHECK(message.find("up to 65536") != std::string::npos);

    CHECK(c.request("PUT", "/collections/x", R"({"fields": {"t": {"type": "text"}}})").status == 201);
}
