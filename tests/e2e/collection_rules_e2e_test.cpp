// What a newcomer meets first (issue 18, engine side), over HTTP against the real binary: a
// collection without text fields (vector-only), documents stored with their id field however they
// came, and a collection the config file declares that DELETE refuses, each across a restart.
#include "tests/e2e/e2e_helpers.hpp"

namespace braid::e2e {
namespace {

using test_support::corpus_ndjson;
using test_support::embedding_of;
using test_support::json_of;
using test_support::TempDir;
using test_support::test_config;

using test_support::BraidServer;

const char* kVectorOnly =
    R"({"fields":{"year":{"type":"integer"}},)"
    R"("vector":{"field":"embedding","dimension":2,"metric":"cosine","index":{"type":"hnsw","m":8}}})";

std::string vector_search(double x, double y, int k) {
    return json::serialize(json::object{{"vector", json::array{x, y}}, {"k", k}});
}

}  // namespace

TEST_CASE("a vector-only collection: dense search works, lexical and hybrid are a clear 400, restarts keep it",
          "[e2e][collections]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(c.request("PUT", "/collections/vec", kVectorOnly).status == 201);
        const auto schema = json_of(c.request("GET", "/collections/vec"));
        CHECK(schema.at("stats").at("terms") == 0);
        // Loaded through bulk (snapshot at shutdown) and a single PUT after it.
        const auto bulk = c.request("POST", "/collections/vec/documents/_bulk",
                                    R"({"id":"east","embedding":[1,0],"year":2001})" "\n"
                                    R"({"id":"north","embedding":[0,1],"year":2002})" "\n",
                                    "application/x-ndjson");
        REQUIRE(json_of(bulk).at("indexed") == 2);
        const auto nearest = json_of(c.request("POST", "/collections/vec/search", vector_search(0.9, 0.1, 1)));
        CHECK(nearest.at("hits").at(0).at("id") == "east");

        for (const char* body : {R"({"query":"east"})", R"({"query":"east","vector":[1,0]})"}) {
            INFO(body);
            const auto error = require_error(c.request("POST", "/collections/vec/search", body), 400, "query");
            CHECK(error.at("type") == "invalid_query");
            const std::string message(error.at("message").as_string());
            CHECK(message.find("no text fields") != std::string::npos);
            CHECK(message.find("no lexical index") != std::string::npos);
        }
        // Neither a text field nor a vector: nothing could search it.
        const auto refused = require_error(c.request("PUT", "/collections/nothing", R"({"fields":{"n":{"type":"integer"}}})"),
                                           400, "fields");
        CHECK(refused.at("type") == "invalid_schema");
        REQUIRE(server.terminate() == 0);
    }
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        // Written after the snapshot: only the journal holds it at the next start.
        REQUIRE(c.request("PUT", "/collections/vec/documents/west", R"({"embedding":[-1,0.05]})").status == 201);
        CHECK(json_of(c.request("POST", "/collections/vec/search", vector_search(0.1, 0.9, 1))).at("hits").at(0).at("id") == "north");
        server.kill_hard();
    }
    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    CHECK(json_of(c.request("GET", "/collections/vec")).at("stats").at("documents") == 3);
    const auto answer = json_of(c.request("POST", "/collections/vec/search", vector_search(-1, 0, 3)));
    CHECK(hit_ids(answer) == std::vector<std::string>{"west", "north", "east"});
    CHECK(require_error(c.request("POST", "/collections/vec/search", R"({"query":"x"})"), 400, "query").at("type") ==
          "invalid_query");
}

TEST_CASE("a document PUT by path is stored with its id field, as bulk stores it, across restarts",
          "[e2e][documents]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    const auto put_doc = json::object{{"title", "put by path"}, {"year", 2020}, {"embedding", embedding_of(1)}};
    auto bulk_doc = put_doc;
    bulk_doc["id"] = "b1";
    json::value put_before, bulk_before;
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(c.request("PUT", "/collections/docs/documents/p1", json::serialize(put_doc)).status == 201);
        REQUIRE(json_of(c.request("POST", "/collections/docs/documents/_bulk", json::serialize(bulk_doc) + "\n",
                                  "application/x-ndjson")).at("indexed") == 1);
        put_before = json_of(c.request("GET", "/collections/docs/documents/p1"));
        bulk_before = json_of(c.request("GET", "/collections/docs/documents/b1"));
        // The same shape: the id field, then what was sent.
        CHECK(put_before.at("document").at("id") == "p1");
        CHECK(bulk_before.at("document").at("id") == "b1");
        auto put_members = put_before.at("document").as_object();
        auto bulk_members = bulk_before.at("document").as_object();
        put_members.erase("id");
        bulk_members.erase("id");
        CHECK(put_members == bulk_members);
        // A search hit carries the stored document, id field included.
        const auto hit = search_ok(c, {{"query", "put by path"}, {"k", 1}});
        CHECK(hit.at("hits").at(0).at("document").at("id") == hit.at("hits").at(0).at("id"));

        // The same id in the body is fine; another one is a 400 naming both.
        CHECK(c.request("PUT", "/collections/docs/documents/p2", R"({"id":"p2","title":"same"})").status == 201);
        const auto error = require_error(
            c.request("PUT", "/collections/docs/documents/p3", R"({"id":"other","title":"mismatch"})"), 400, "id");
        CHECK(error.at("type") == "invalid_document");
        const std::string message(error.at("message").as_string());
        CHECK(message.find("\"other\"") != std::string::npos);
        CHECK(message.find("\"p3\"") != std::string::npos);
        REQUIRE(server.terminate() == 0);
    }
    {
        BraidServer server(config);  // from the snapshot
        Client c("127.0.0.1", server.port());
        CHECK(json_of(c.request("GET", "/collections/docs/documents/p1")) == put_before);
        CHECK(json_of(c.request("GET", "/collections/docs/documents/b1")) == bulk_before);
        REQUIRE(c.request("PUT", "/collections/docs/documents/p4", R"({"title":"journal only"})").status == 201);
        server.kill_hard();
    }
    BraidServer server(config);  // the last write from the journal
    Client c("127.0.0.1", server.port());
    CHECK(json_of(c.request("GET", "/collections/docs/documents/p1")) == put_before);
    const auto p4 = json_of(c.request("GET", "/collections/docs/documents/p4"));
    CHECK(p4.at("document") == json::parse(R"({"id":"p4","title":"journal only"})"));
}

TEST_CASE("DELETE of a collection the config declares is a 409 naming the file, others go and stay gone",
          "[e2e][collections]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(c.request("PUT", "/collections/docs/documents/x1", R"({"title":"kept"})").status == 201);
        const auto error = require_error(c.request("DELETE", "/collections/docs"), 409);
        CHECK(error.at("type") == "collection_in_config");
        CHECK(std::string(error.at("message").as_string()).find(config.string()) != std::string::npos);
        REQUIRE(c.request("PUT", "/collections/scratch", R"({"fields":{"t":{"type":"text"}}})").status == 201);
        CHECK(c.request("DELETE", "/collections/scratch").status == 200);
        REQUIRE(server.terminate() == 0);
    }
    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    CHECK(c.request("GET", "/collections/docs/documents/x1").status == 200);  // nothing was dropped
    CHECK(c.request("GET", "/collections/scratch").status == 404);
    CHECK(require_error(c.request("DELETE", "/collections/docs"), 409).at("type") == "collection_in_config");
}

}  // namespace braid::e2e
