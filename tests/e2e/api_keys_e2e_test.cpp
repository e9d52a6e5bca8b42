// Scoped API keys: created by the admin, stored hashed and durably, limited to actions and
// collections, 401 for no valid key and 403 for a key that may not.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "http/key_secret.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

std::string type_of(const braid::http::ClientResponse& response) {
    return std::string(json_of(response).at("error").at("type").as_string());
}

}  // namespace

TEST_CASE("a search-only key searches its collections and nothing else - keys survive a restart, deleted ones die",
          "[e2e][keys]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config(R"(, "api_key": "admin-secret")"));
    const Headers admin = bearer("admin-secret");
    std::string search_key, search_id;
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(10), "application/x-ndjson", admin)
                    .status == 200);
        REQUIRE(c.request("PUT", "/collections/private", R"({"fields": {"t": {"type": "text"}}})", "application/json",
                          admin).status == 201);

        const auto created = c.request("POST", "/keys",
                                       R"({"actions": ["search", "collections.read"], "collections": ["do*"],
                                           "description": "frontend"})",
                                       "application/json", admin);
        REQUIRE(created.status == 201);
        const auto key = json_of(created);
        search_key = std::string(key.at("key").as_string());
        search_id = std::string(key.at("id").as_string());
        CHECK(search_key.rfind("braid_", 0) == 0);
        CHECK(key.at("actions") == json::array{"search", "collections.read"});

        // The key file holds the hash, never the key.
        std::ifstream in(dir / "data" / "keys.json");
        const std::string stored((std::istreambuf_iterator<char>(in)), {});
        CHECK(stored.find(search_id) != std::string::npos);
        CHECK(stored.find(search_key) == std::string::npos);

        const Headers user = bearer(search_key);
        CHECK(c.request("POST", "/collections/docs/search", R"({"query": "cat"})", "application/json", user).status == 200);
        const auto listed = json_of(c.request("GET", "/collections", "", "", user));
        CHECK(listed.at("collections").as_array().size() == 1);  // "private" is not its to see
        CHECK(listed.at("collections").at(0).at("name") == "docs");

        const auto other = c.request("POST", "/collections/private/search", R"({"query": "x"})", "application/json", user);
        CHECK(other.status == 403);
        CHECK(type_of(other) == "forbidden");
        const auto write = c.request("PUT", "/collections/docs/documents/n", R"({"title": "x"})", "application/json", user);
        CHECK(write.status == 403);
        CHECK(c.request("GET", "/collections/docs/documents/d1", "", "", user).status == 403);
        CHECK(c.request("GET", "/metrics", "", "", user).status == 403);
        CHECK(c.request("POST", "/keys", R"({"actions": ["*"]})", "application/json", user).status == 403);
        CHECK(c.request("GET", "/keys", "", "", user).status == 403);

        const auto wrong = c.request("POST", "/collections/docs/search", R"({"query": "cat"})", "application/json",
                                     bearer(search_key + "x"));
        CHECK(wrong.status == 401);
        CHECK(wrong.header("WWW-Authenticate") == "Bearer");
        CHECK(c.request("POST", "/collections/docs/search", R"({"query": "cat"})").status == 401);

        const auto all = json_of(c.request("GET", "/keys", "", "", admin));
        REQUIRE(all.at("keys").as_array().size() == 1);
        CHECK(all.at("keys").at(0).at("description") == "frontend");
        CHECK(!all.at("keys").at(0).as_object().contains("key"));
        server.kill_hard();  // acknowledged key creation survives a crash
    }
    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    const Headers user = bearer(search_key);
    CHECK(c.request("POST", "/collections/docs/search", R"({"query": "cat"})", "application/json", user).status == 200);
    CHECK(c.request("DELETE", "/keys/" + search_id, "", "", admin).status == 200);
    CHECK(c.request("DELETE", "/keys/" + search_id, "", "", admin).status == 404);
    CHECK(c.request("POST", "/collections/docs/search", R"({"query": "cat"})", "application/json", user).status == 401);
}

TEST_CASE("key creation checks its input - expired keys are refused", "[e2e][keys]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config(R"(, "api_key": "admin-secret")")));
    Client c("127.0.0.1", server.port());
    const Headers admin = bearer("admin-secret");
    auto create = [&](const std::string& body) { return c.request("POST", "/keys", body, "application/json", admin); };
    CHECK(json_of(create(R"({})")).at("error").at("path") == "actions");
    CHECK(json_of(create(R"({"actions": ["fly"]})")).at("error").at("path") == "actions[0]");
    CHECK(json_of(create(R"({"actions": []})")).at("error").at("path") == "actions");
    CHECK(json_of(create(R"({"actions": ["search"], "expires_at": "tomorrow"})")).at("error").at("path") == "expires_at");
    CHECK(json_of(create(R"({"actions": ["search"], "expires_at": 1000})")).at("error").at("path") == "expires_at");
    CHECK(json_of(create(R"({"actions": ["search"], "color": "red"})")).at("error").at("path") == "color");

    const auto lasting = create(R"({"actions": ["*"], "expires_at": "2999-01-01T00:00:00Z"})");
    REQUIRE(lasting.status == 201);
    CHECK(json_of(lasting).at("expires_at") == 32472144000);
    const std::string key(json_of(lasting).at("key").as_string());
    CHECK(c.request("PUT", "/collections/docs/documents/a", R"({"title": "x"})", "application/json", bearer(key)).status == 201);
    CHECK(c.request("GET", "/keys", "", "", bearer(key)).status == 403);  // "*" is every action but managing keys
}

TEST_CASE("without an admin key the server is open and keys cannot be made", "[e2e][keys]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    const auto refused = c.request("POST", "/keys", R"({"actions": ["search"]})");
    CHECK(refused.status == 409);
    CHECK(type_of(refused) == "keys_disabled");
    CHECK(c.request("GET", "/collections").status == 200);
}

TEST_CASE("an expired key is refused with 401", "[e2e][keys]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config(R"(, "api_key": "admin-secret")"));
    json::object expired{{"id", "k_old"}, {"secret_sha256", braid::http::sha256_hex("old-key")},
                         {"actions", json::array{"*"}}, {"collections", json::array{"*"}},
                         {"expires_at", 1000}, {"created_at", 500}, {"description", ""}};
    dir.write("data/keys.json", json::serialize(json::object{{"keys", json::array{expired}}}));
    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    const auto answer = c.request("GET", "/collections", "", "", bearer("old-key"));
    CHECK(answer.status == 401);
    CHECK(std::string(json_of(answer).at("error").at("message").as_string()).find("expired") != std::string::npos);
    CHECK(json_of(c.request("GET", "/keys", "", "", bearer("admin-secret"))).at("keys").at(0).at("id") == "k_old");
}
