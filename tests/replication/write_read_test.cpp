// Replication through JetStream between real braid nodes: a write on one node is readable on
// another with min_sequence; catalog creates and drops reach every node.
#include <catch2/catch.hpp>

#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::NatsServer;
using braid::test_support::eventually;
using namespace std::chrono_literals;

namespace {

const std::string kDocs = R"([{"name": "docs", "fields": {"title": {"type": "text"}, "n": {"type": "integer"}}}])";

std::string search_body(const std::string& query, std::uint64_t min_sequence) {
    return R"({"query": ")" + query + R"(", "min_sequence": )" + std::to_string(min_sequence) + "}";
}

std::size_t hit_count(const braid::test_support::HttpResponse& response) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    return json_of(response).at("hits").as_array().size();
}

}  // namespace

TEST_CASE("a write on n1 is read on n3 with min_sequence, deletes and bulk too", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    std::vector<std::unique_ptr<Node>> nodes;
    for (const char* name : {"n1", "n2", "n3"})
        nodes.push_back(std::make_unique<Node>(NodeSpec{name, dir.path() / name, 0, {nats.url()}, 1, kDocs}));
    auto& n1 = *nodes[0];
    auto& n3 = *nodes[2];

    const auto put = n1.http().put("/collections/docs/documents/a", R"({"title": "replicated cats", "n": 1})");
    CHECK(put.status == 201);
    const auto first = sequence_of(put);
    CHECK(hit_count(n3.http().post("/collections/docs/search", search_body("cats", first))) == 1);
    CHECK(n3.http().get("/collections/docs/documents/a").status == 200);

    // Replacing on n3, read on n2: the latest write wins everywhere.
    const auto replace = n3.http().put("/collections/docs/documents/a", R"({"title": "replicated dogs", "n": 2})");
    CHECK(replace.status == 200);
    const auto second = sequence_of(replace);
    CHECK(second > first);
    CHECK(hit_count(nodes[1]->http().post("/collections/docs/search", search_body("dogs", second))) == 1);
    CHECK(hit_count(nodes[1]->http().post("/collections/docs/search", search_body("cats", second))) == 0);

    // Bulk on n2: one sequence for the answer, every line on n1.
    std::string lines;
    for (int i = 0; i < 300; ++i) lines += R"({"id": "b)" + std::to_string(i) + R"(", "title": "bulk birds"})" + "\n";
    lines += "{not json}\n";
    const auto bulk = nodes[1]->http().post("/collections/docs/documents/_bulk", lines, "application/x-ndjson");
    const auto bulk_sequence = sequence_of(bulk);
    CHECK(json_of(bulk).at("indexed") == 300);
    CHECK(json_of(bulk).at("failed") == 1);
    const auto birds = n1.http().post("/collections/docs/search",
                                      R"({"query": "birds", "k": 1000, "min_sequence": )" + std::to_string(bulk_sequence) + "}");
    CHECK(hit_count(birds) == 300);

    // A delete on n1, absent on n3; a second delete is a 404 and publishes nothing.
    const auto removed = n1.http().del("/collections/docs/documents/a");
    const auto delete_sequence = sequence_of(removed);
    CHECK(hit_count(n3.http().post("/collections/docs/search", search_body("dogs", delete_sequence))) == 0);
    CHECK(n1.http().del("/collections/docs/documents/a").status == 404);

    // A document every node would refuse is refused before it is published.
    CHECK(n1.http().put("/collections/docs/documents/bad", R"({"n": "not a number"})").status == 400);

    // A sequence no node has reached: a typed 503 after the bounded wait.
    const auto too_far = n3.http().post("/collections/docs/search", search_body("dogs", delete_sequence + 1000));
    CHECK(too_far.status == 503);
    CHECK(json_of(too_far).at("error").at("type") == "sequence_not_applied");
}

TEST_CASE("collections created and dropped through the API reach every node", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    Node n1(NodeSpec{"n1", dir.path() / "n1", 0, {nats.url()}, 1, "[]"});
    Node n2(NodeSpec{"n2", dir.path() / "n2", 0, {nats.url()}, 1, "[]"});

    const auto created = n1.http().put("/collections/pets", R"({"fields": {"t": {"type": "text"}}, "shards": 2})");
    INFO(created.body);
    REQUIRE(created.status == 201);
    // The create is applied on n1 before it answers; n2 applies it from the catalog stream.
    CHECK(eventually([&] { return n2.http().get("/collections/pets").status == 200; }, 10s));
    CHECK(json_of(n2.http().get("/collections/pets")).at("schema").at("shards") == 2);
    const auto put = n2.http().put("/collections/pets/documents/p1", R"({"t": "a cat"})");
    const auto sequence = sequence_of(put);
    CHECK(hit_count(n1.http().post("/collections/pets/search", search_body("cat", sequence))) == 1);

    // A node started later learns it from the catalog stream, and its documents from the stream.
    Node n3(NodeSpec{"n3", dir.path() / "n3", 0, {nats.url()}, 1, "[]"});
    CHECK(n3.http().get("/collections/pets").status == 200);
    CHECK(hit_count(n3.http().post("/collections/pets/search", search_body("cat", sequence))) == 1);

    CHECK(n2.http().del("/collections/pets").status == 200);
    CHECK(n2.http().get("/collections/pets").status == 404);
    CHECK(eventually([&] { return n1.http().get("/collections/pets").status == 404; }, 10s));
    CHECK(eventually([&] { return n3.http().get("/collections/pets").status == 404; }, 10s));
    // Created again: empty, on a new stream.
    REQUIRE(n1.http().put("/collections/pets", R"({"fields": {"t": {"type": "text"}}})").status == 201);
    CHECK(eventually([&] { return n3.http().get("/collections/pets").status == 200; }, 10s));
    CHECK(json_of(n3.http().get("/collections/pets")).at("stats").at("documents") == 0);
}
