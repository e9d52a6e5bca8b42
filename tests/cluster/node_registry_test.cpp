#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cluster/nats_connection.hpp"
#include "cluster/node_heartbeat.hpp"
#include "cluster/node_registry.hpp"
#include "core/error.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/nats_server.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using braid::cluster::NodeInfo;
using braid::cluster::NodeRegistry;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> names(const std::vector<NodeInfo>& nodes) {
    std::vector<std::string> result;
    for (const auto& node : nodes) result.push_back(node.node);
    return result;
}

}  // namespace

TEST_CASE("node entries round-trip through their JSON", "[cluster][registry]") {
    const NodeInfo node{"n1", "http://braid-1.internal:7700", {{"docs", {0, 2}}, {"scifact", {1}}}, {}};
    const std::string text = braid::cluster::node_info_json(node);
    CHECK(text == R"({"node":"n1","advertise":"http://braid-1.internal:7700","holds":{"docs":[0,2],"scifact":[1]}})");
    CHECK(braid::cluster::parse_node_info(text) == node);
    CHECK_THROWS_AS(braid::cluster::parse_node_info("[]"), braid::Error);
    CHECK_THROWS_AS(braid::cluster::parse_node_info(R"({"node":"n1","advertise":"x","holds":{"docs":[-1]}})"), braid::Error);
    CHECK_THROWS_AS(braid::cluster::parse_node_info(R"({"node":1,"advertise":"x","holds":{}})"), braid::Error);

    // The sequence each collection's newest snapshot covers, when the node wrote one.
    const NodeInfo snapshotted{"n2", "http://braid-2.internal:7700", {{"docs", {0}}}, {{"docs", 4200}}};
    const std::string with_snapshots = braid::cluster::node_info_json(snapshotted);
    CHECK(with_snapshots == R"({"node":"n2","advertise":"http://braid-2.internal:7700","holds":{"docs":[0]},"snapshots":{"docs":4200}})");
    CHECK(braid::cluster::parse_node_info(with_snapshots) == snapshotted);
    CHECK_THROWS_AS(braid::cluster::parse_node_info(R"({"node":"n1","advertise":"x","holds":{},"snapshots":{"docs":-3}})"), braid::Error);
    CHECK_THROWS_AS(braid::cluster::parse_node_info(R"({"node":"n1","advertise":"x","holds":{},"snapshots":[]})"), braid::Error);
}

TEST_CASE("the registry lists live holders per shard, and an entry expires when its heartbeats stop", "[cluster][registry]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    braid::test_support::NatsServer server({"solo", dir.path(), 0, 0, {}});
    braid::cluster::NatsOptions options;
    options.urls = {server.url()};
    braid::cluster::NatsConnection connection(options);
    NodeRegistry registry(connection, {"braid_nodes_test", 1500ms, 1});

    CHECK(registry.live_nodes().empty());
    const NodeInfo n1{"n1", "http://127.0.0.1:7701", {{"docs", {0, 1}}}, {}};
    const NodeInfo n2{"n2", "http://127.0.0.1:7702", {{"docs", {1, 2}}, {"other", {0}}}, {}};
    registry.announce(n2);  // once: it will expire
    {
        braid::cluster::NodeHeartbeat heartbeat(registry, n1, 200ms);

        const auto live = registry.live_nodes();
        REQUIRE(live.size() == 2);
        CHECK(live[0] == n1);
        CHECK(live[1] == n2);
        CHECK(names(registry.holders("docs", 0)) == std::vector<std::string>{"n1"});
        CHECK(names(registry.holders("docs", 1)) == std::vector<std::string>{"n1", "n2"});
        CHECK(names(registry.holders("docs", 2)) == std::vector<std::string>{"n2"});
        CHECK(registry.holders("docs", 3).empty());
        CHECK(registry.holders("missing", 0).empty());

        // n2 stops beating; n1 goes on and outlives several TTLs' worth of beats.
        REQUIRE(braid::test_support::eventually([&] { return registry.holders("docs", 2).empty(); }, 15s));
        CHECK(names(registry.live_nodes()) == std::vector<std::string>{"n1"});
        CHECK(names(registry.holders("docs", 1)) == std::vector<std::string>{"n1"});

        // What a node holds changes with its next beat.
        NodeInfo grown = n1;
        grown.holds["docs"].push_back(2);
        heartbeat.update(grown);
        REQUIRE(braid::test_support::eventually([&] { return names(registry.holders("docs", 2)) == std::vector<std::string>{"n1"}; }, 5s));
        CHECK(heartbeat.failed_beats() == 0);
    }
    // The heartbeat's end withdraws the entry at once, without waiting for the TTL.
    CHECK(registry.live_nodes().empty());
}

TEST_CASE("a node name that cannot be a key is refused", "[cluster][registry]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    braid::test_support::NatsServer server({"solo", dir.path(), 0, 0, {}});
    braid::cluster::NatsOptions options;
    options.urls = {server.url()};
    braid::cluster::NatsConnection connection(options);
    NodeRegistry registry(connection);
    for (const std::string bad : {"", "n 1", "n*", "n>1", ".n"}) {
        INFO("node name \"" << bad << "\"");
        try {
            registry.announce({bad, "http://x", {}, {}});
            FAIL("accepted");
        } catch (const braid::Error& error) {
            CHECK(error.type() == "invalid_name");
            CHECK(error.path() == "cluster.node");
        }
    }
}
