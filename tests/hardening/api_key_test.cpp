// With an API key every route but /health answers 401 without it or with a wrong one, and works
// with it; BRAID_API_KEY replaces the configured key.
#include <string>
#include <vector>

#include "tests/hardening/hardening_support.hpp"

using namespace braid::hardening;
using braid::test_support::BraidServer;
using braid::test_support::ServeOptions;
using braid::test_support::TempDir;
using braid::test_support::json_of;
using braid::test_support::test_config;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Route {
    std::string method, target, body, content_type;
    unsigned ok_status;
};

// Every route of the contract, in an order that works with a key (create before drop).
const std::vector<Route> routes = {
    {"GET", "/collections", "", "", 200},
    {"PUT", "/collections/guarded", R"({"fields":{"t":{"type":"text","analyzer":"en"}}})", "application/json", 201},
    {"GET", "/collections/guarded", "", "", 200},
    {"POST", "/_analyze", R"({"analyzer":"en","text":"Running cats"})", "application/json", 200},
    {"PUT", "/collections/guarded/documents/1", R"({"t":"a cat"})", "application/json", 201},
    {"GET", "/collections/guarded/documents/1", "", "", 200},
    {"POST", "/collections/guarded/documents/_bulk", "{\"id\":\"2\",\"t\":\"a dog\"}\n", "application/x-ndjson", 200},
    {"POST", "/collections/guarded/search", R"({"query":"cat"})", "application/json", 200},
    {"DELETE", "/collections/guarded/documents/1", "", "", 200},
    {"DELETE", "/collections/guarded", "", "", 200},
};

void check_guarded(std::uint16_t port, const std::string& key, const std::string& stale_key) {
    braid::http::Client c("127.0.0.1", port);
    const Headers good{{"Authorization", "Bearer " + key}};
    const std::vector<Headers> bad = {
        {},
        {{"Authorization", "Bearer " + stale_key}},
        {{"Authorization", "Bearer " + key + "x"}},
        {{"Authorization", "Bearer " + key.substr(0, key.size() - 1)}},
        {{"Authorization", "Bearer"}},
        {{"Authorization", "Bearer "}},
        {{"Authorization", "bearer" + key}},
        {{"Authorization", key}},
        {{"X-Api-Key", key}},
    };
    for (const auto& route : routes) {
        INFO(route.method << " " << route.target);
        for (const auto& headers : bad) {
            const auto refused = c.request(route.method, route.target, route.body, route.content_type, headers);
            INFO(refused.body);
            REQUIRE(refused.status == 401);
            CHECK(json_of(refused).at("error").at("type") == "unauthorized");
        }
        const auto allowed = c.request(route.method, route.target, route.body, route.content_type, good);
        INFO(allowed.body);
        CHECK(allowed.status == route.ok_status);
    }
    // Unknown routes and wrong methods do not leak which routes exist.
    CHECK(c.request("GET", "/nowhere").status == 401);
    CHECK(c.request("PATCH", "/collections").status == 401);
    // /health never needs the key.
    CHECK(c.request("GET", "/health").status == 200);
    CHECK(c.request("GET", "/health", "", "", {{"Authorization", "Bearer wrong"}}).status == 200);
}

}  // namespace

TEST_CASE("the configured API key guards every route but /health", "[hardening][auth]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config(R"(, "api_key": "s3cret-from-config")")));
    check_guarded(server.port(), "s3cret-from-config", "other");
}

TEST_CASE("BRAID_API_KEY overrides the config and also guards a server with no configured key", "[hardening][auth]") {
    TempDir dir;
    SECTION("replaces the configured key") {
        BraidServer server(dir.write("braid.json", test_config(R"(, "api_key": "from-config")")),
                           ServeOptions::with_env({{"BRAID_API_KEY", "from-env"}}));
        check_guarded(server.port(), "from-env", "from-config");
    }
    SECTION("turns the guard on") {
        BraidServer server(dir.write("braid.json", test_config()), ServeOptions::with_env({{"BRAID_API_KEY", "env-only"}}));
        check_guarded(server.port(), "env-only", "");
    }
}
