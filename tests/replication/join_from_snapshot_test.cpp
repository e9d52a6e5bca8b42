// A node whose start point was trimmed from the stream starts from a peer's snapshot
// (GET /_cluster/snapshot/{collection}) and then the stream after it.
#include <catch2/catch.hpp>

#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::NatsServer;
using namespace std::chrono_literals;

namespace {

const std::string kDocs = R"([{"name": "docs", "fields": {"title": {"type": "text"}}}])";

std::uint64_t bulk_write(Node& node, int from, int count, const std::string& word) {
    std::string lines;
    for (int i = from; i < from + count; ++i)
        lines += R"({"id": "d)" + std::to_string(i) + R"(", "title": ")" + word + R"("})" + "\n";
    const auto bulk = node.http().post("/collections/docs/documents/_bulk", lines, "application/x-ndjson");
    INFO(bulk.body);
    REQUIRE(bulk.status == 200);
    return sequence_of(bulk);
}

}  // namespace

TEST_CASE("a new node joins from a peer's snapshot after the stream was trimmed", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    Node n1(NodeSpec{"n1", dir.path() / "n1", 0, {nats.url()}, 1, kDocs});
    Node n2(NodeSpec{"n2", dir.path() / "n2", 0, {nats.url()}, 1, kDocs});

    (void)bulk_write(n1, 0, 2000, "early");
    const auto archive = n1.http().get("/_cluster/snapshot/docs");
    REQUIRE(archive.status == 200);
    CHECK(n1.http().get("/_cluster/snapshot/nope").status == 404);

    // n1 answered its writes once applied, so its snapshot covers every record so far.
    braid::cluster::NatsOptions options;
    options.urls = {nats.url()};
    braid::cluster::NatsConnection connection(options);
    braid::cluster::JetStreamLog log(connection, {"docs", 1, 120s});
    const auto through = log.state().last_sequence;
    log.trim_through(through);
    CHECK_THROWS(log.follow(1));

    const auto last = bulk_write(n2, 2000, 500, "late");
    Node n3(NodeSpec{"n3", dir.path() / "n3", 0, {nats.url()}, 1, kDocs});
    const auto late = n3.http().post("/collections/docs/search",
                                     R"({"query": "late", "k": 1, "min_sequence": )" + std::to_string(last) + "}");
    INFO(late.body << n3.stderr_text());
    REQUIRE(late.status == 200);
    CHECK(json_of(n3.http().get("/collections/docs")).at("stats").at("documents") == 2500);
    CHECK(n3.http().get("/collections/docs/documents/d0").status == 200);
    CHECK(n3.stderr_text().find("snapshot through sequence") != std::string::npos);
}
