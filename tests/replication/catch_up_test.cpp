// A node that was down while the others took 10,000 writes catches up from the stream when it
// comes back: from its last snapshot after a clean stop, from the start after kill -9.
#include <catch2/catch.hpp>

#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::NatsServer;
using namespace std::chrono_literals;

namespace {

const std::string kDocs = R"([{"name": "docs", "fields": {"title": {"type": "text"}, "n": {"type": "integer"}}}])";

// 10,000 writes on `node`: 9,900 documents in bulk, 100 single PUTs; the last sequence.
std::uint64_t write_10000(Node& node, int round) {
    std::uint64_t last = 0;
    for (int batch = 0; batch < 9; ++batch) {
        std::string lines;
        for (int i = 0; i < 1100; ++i) {
            const int n = batch * 1100 + i;
            lines += R"({"id": "d)" + std::to_string(n) + R"(", "title": "round)" + std::to_string(round) +
                     R"( words", "n": )" + std::to_string(n) + "}\n";
        }
        const auto bulk = node.http().post("/collections/docs/documents/_bulk", lines, "application/x-ndjson");
        INFO(bulk.body);
        REQUIRE(bulk.status == 200);
        REQUIRE(json_of(bulk).at("indexed") == 1100);
        last = sequence_of(bulk);
    }
    for (int i = 0; i < 100; ++i) {
        const auto put = node.http().put("/collections/docs/documents/s" + std::to_string(i),
                                         R"({"title": "round)" + std::to_string(round) + R"( single", "n": 1})");
        last = sequence_of(put);
    }
    return last;
}

std::size_t documents_matching(Node& node, const std::string& query, std::uint64_t min_sequence) {
    const auto found = node.http().post("/collections/docs/search", R"({"query": ")" + query +
                                                                       R"(", "k": 1, "min_sequence": )" +
                                                                       std::to_string(min_sequence) + "}");
    INFO(found.body);
    REQUIRE(found.status == 200);
    return json_of(node.http().get("/collections/docs")).at("stats").at("documents").to_number<std::size_t>();
}

}  // namespace

TEST_CASE("a node down for 10,000 writes catches up (clean stop, then kill -9)", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    Node n1(NodeSpec{"n1", dir.path() / "n1", 0, {nats.url()}, 1, kDocs});
    Node n2(NodeSpec{"n2", dir.path() / "n2", 0, {nats.url()}, 1, kDocs});

    // A clean stop writes a snapshot; the node starts from it and reads what came after.
    const auto before = write_10000(n1, 1);
    CHECK(documents_matching(n2, "round1", before) == 10000);
    CHECK(n2.terminate() == 0);
    const auto after = write_10000(n1, 2);
    n2.start();
    CHECK(documents_matching(n2, "round2", after) == 10000);
    const auto round2 = n2.http().post("/collections/docs/search",
                                       R"({"query": "round1", "k": 1, "min_sequence": )" + std::to_string(after) + "}");
    CHECK(json_of(round2).at("hits").as_array().empty());  // every document was replaced by round 2

    // kill -9: whatever its snapshots hold, the stream brings it to the same state.
    n2.kill_hard();
    const auto third = write_10000(n1, 3);
    REQUIRE(n1.http().del("/collections/docs/documents/s7").ok());
    const auto deleted = sequence_of(n1.http().del("/collections/docs/documents/s8"));
    CHECK(deleted > third);
    n2.start();
    CHECK(documents_matching(n2, "round3", deleted) == 9998);
    CHECK(n2.http().get("/collections/docs/documents/s7").status == 404);
    CHECK(n2.http().get("/collections/docs/documents/s9").status == 200);
}
