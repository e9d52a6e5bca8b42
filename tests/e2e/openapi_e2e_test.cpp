// GET /openapi.json: the repository's openapi.yaml, embedded at build time, served as JSON; only
// the admin key may read it on a server with keys, anyone on a server without.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "http/client.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

std::string repository_file(const std::string& name) {
    std::ifstream in(std::string(BRAID_SOURCE_DIR) + "/" + name);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("GET /openapi.json serves openapi.yaml as JSON, with every path the YAML names", "[e2e][openapi]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    const auto answer = c.request("GET", "/openapi.json");
    REQUIRE(answer.status == 200);
    CHECK(answer.header("Content-Type").rfind("application/json", 0) == 0);
    const auto description = json::parse(answer.body).as_object();
    CHECK(description.at("openapi").as_string().starts_with("3.1"));
    const auto& paths = description.at("paths").as_object();
    // Every path key of the YAML (a line "  /…:" under paths:) is served, and nothing else.
    const std::string yaml = repository_file("openapi.yaml");
    REQUIRE_FALSE(yaml.empty());
    std::size_t yaml_paths = 0;
    for (std::size_t at = yaml.find("\n  /"); at != std::string::npos; at = yaml.find("\n  /", at + 1)) {
        const auto end = yaml.find(":\n", at);
        const std::string path = yaml.substr(at + 3, end - at - 3);
        INFO(path);
        CHECK(paths.contains(path));
        ++yaml_paths;
    }
    CHECK(yaml_paths == paths.size());
    CHECK(paths.contains("/collections/{name}/search"));

    const auto page = c.request("GET", "/");
    CHECK(page.status == 200);
    CHECK(page.header("Content-Type").rfind("text/html", 0) == 0);
}

TEST_CASE("with an admin key, only the admin key reads /openapi.json", "[e2e][openapi][keys]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config(R"(, "api_key": "admin-secret")")));
    Client c("127.0.0.1", server.port());
    CHECK(c.request("GET", "/openapi.json").status == 401);
    const auto created = c.request("POST", "/keys", R"({"actions": ["*"]})", "application/json", bearer("admin-secret"));
    REQUIRE(created.status == 201);
    const std::string key(json::parse(created.body).at("key").as_string());
    const auto refused = c.request("GET", "/openapi.json", {}, "application/json", bearer(key));
    CHECK(refused.status == 403);
    CHECK(json::parse(refused.body).at("error").at("type") == "forbidden");
    CHECK(c.request("GET", "/openapi.json", {}, "application/json", bearer("admin-secret")).status == 200);
}
