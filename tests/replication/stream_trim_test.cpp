// Streams are trimmed on their own to what the oldest snapshot of the live nodes needs: once every
// node wrote snapshots the stream's first sequence advances (never past a live node's snapshot),
// and a node that was stopped while the stream was trimmed past its snapshot starts from a peer's
// snapshot when it comes back, and holds the same documents.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "cluster/node_registry.hpp"
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
// A snapshot every 5 records (500 bulk lines), a trim round every 200 ms.
const std::string kOften = R"("snapshot_every_records": 5, "trim_interval_ms": 200)";

std::uint64_t bulk_write(Node& node, int from, int count, const std::string& word) {
    std::string lines;
    for (int i = from; i < from + count; ++i)
        lines += R"({"id": "d)" + std::to_string(i) + R"(", "title": ")" + word + R"(", "n": )" + std::to_string(i) + "}\n";
    const auto bulk = node.http().post("/collections/docs/documents/_bulk", lines, "application/x-ndjson");
    INFO(bulk.body);
    REQUIRE(bulk.status == 200);
    REQUIRE(json_of(bulk).at("indexed") == count);
    return sequence_of(bulk);
}

std::size_t documents_after(Node& node, std::uint64_t sequence) {
    const auto found = node.http().post("/collections/docs/search",
                                        R"({"query": "x", "k": 1, "min_sequence": )" + std::to_string(sequence) + "}");
    INFO(found.body);
    REQUIRE(found.status == 200);
    return json_of(node.http().get("/collections/docs")).at("stats").at("documents").to_number<std::size_t>();
}

// The least sequence the live nodes announce their snapshots of "docs" cover.
std::uint64_t oldest_live_snapshot(const braid::cluster::NodeRegistry& registry) {
    std::uint64_t oldest = std::numeric_limits<std::uint64_t>::max();
    for (const auto& node : registry.live_nodes()) {
        const auto it = node.snapshots.find("docs");
        oldest = std::min(oldest, it == node.snapshots.end() ? 0 : it->second);
    }
    return oldest;
}

}  // namespace

TEST_CASE("streams are trimmed to the oldest live snapshot, and a node stopped meanwhile rejoins from a peer's", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    Node n1(NodeSpec{"n1", dir.path() / "n1", 0, {nats.url()}, 1, kDocs, "", kOften});
    Node n2(NodeSpec{"n2", dir.path() / "n2", 0, {nats.url()}, 1, kDocs, "", kOften});
    Node n3(NodeSpec{"n3", dir.path() / "n3", 0, {nats.url()}, 1, kDocs, "", kOften});

    braid::cluster::NatsOptions options;
    options.urls = {nats.url()};
    braid::cluster::NatsConnection connection(options);
    braid::cluster::JetStreamLog log(connection, {"docs", 1, 120s});
    const braid::cluster::NodeRegistry registry(connection);

    std::uint64_t written = 0;
    for (int round = 0; round < 3; ++round) written = bulk_write(n1, round * 1000, 1000, "early");
    CHECK(documents_after(n3, written) == 3000);
    // Every node snapshots every 5 records: the stream's head goes, and never past a live
    // node's snapshot (the registry is read after the state: snapshots only move forward).
    CHECK(eventually([&] { return log.state().first_sequence > 1; }, 15s));
    const auto first = log.state().first_sequence;
    CHECK(first - 1 <= oldest_live_snapshot(registry));

    // n3 stops cleanly (a snapshot through everything so far), then the others go on and trim
    // past it: a stopped node does not hold the stream back.
    const auto stopped_at = log.state().last_sequence;
    REQUIRE(n3.terminate() == 0);
    for (int round = 3; round < 6; ++round) written = bulk_write(n2, round * 1000, 1000, "late");
    CHECK(documents_after(n1, written) == 6000);
    CHECK(eventually([&] { return log.state().first_sequence > stopped_at + 1; }, 15s));
    CHECK_THROWS(log.follow(stopped_at + 1));

    // Back, it starts from a peer's snapshot and the stream after it: the same documents.
    n3.start();
    const auto last = bulk_write(n1, 6000, 10, "after");
    CHECK(documents_after(n3, last) == 6010);
    INFO(n3.stderr_text());
    CHECK(n3.stderr_text().find("snapshot through sequence") != std::string::npos);
    for (const char* id : {"d5", "d2999", "d3000", "d5999", "d6009"}) {
        const auto on_n3 = n3.http().get(std::string("/collections/docs/documents/") + id);
        REQUIRE(on_n3.status == 200);
        CHECK(on_n3.body == n1.http().get(std::string("/collections/docs/documents/") + id).body);
    }
}
