#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "config_helpers.hpp"

using namespace braid::config;
using namespace braid::config::test;

namespace {

std::string with_cluster(const std::string& members) { return R"({"cluster": {)" + members + "}}"; }

const std::string kMinimal = R"("node": "n1", "advertise": "http://127.0.0.1:7701", "nats": ["nats://127.0.0.1:4222"])";

}  // namespace

TEST_CASE("cluster: absent means one node, the defaults, holds", "[config][cluster]") {
    CHECK_FALSE(parse_config("{}").cluster.has_value());
    CHECK_FALSE(parse_config(R"({"cluster": null})").cluster.has_value());

    const auto minimal = parse_config(with_cluster(kMinimal)).cluster.value();
    CHECK(minimal.node == "n1");
    CHECK(minimal.advertise == "http://127.0.0.1:7701");
    CHECK(minimal.nats == std::vector<std::string>{"nats://127.0.0.1:4222"});
    CHECK(minimal.replicas == 1);
    CHECK(minimal.snapshot_every_records == 50000);
    CHECK(minimal.trim_interval_ms == 10000);
    CHECK_FALSE(minimal.holds.has_value());
    CHECK(minimal.holds_shard(0));
    CHECK(minimal.holds_shard(255));

    const auto full = parse_config(with_cluster(kMinimal + R"(, "replicas": 3, "holds": [0, 2], "snapshot_every_records": 500, "trim_interval_ms": 0)")).cluster.value();
    CHECK(full.replicas == 3);
    CHECK(full.snapshot_every_records == 500);
    CHECK(full.trim_interval_ms == 0);
    CHECK(full.holds == std::vector<std::uint32_t>{0, 2});
    CHECK(full.holds_shard(2));
    CHECK_FALSE(full.holds_shard(1));

    // Echoed in full, and read back unchanged.
    const auto echoed = to_json(full);
    CHECK(echoed.at("replicas") == 3);
    CHECK(echoed.at("holds").as_array().size() == 2);
    CHECK(to_json(minimal).at("holds").is_null());
    const auto again = parse_config(R"({"cluster": )" + std::string(boost::json::serialize(echoed)) + "}").cluster;
    CHECK(again == full);
}

TEST_CASE("cluster: mistakes name their JSON path", "[config][cluster]") {
    auto f = failure_of(with_cluster(R"("advertise": "http://a:1", "nats": ["nats://a:1"])"));
    CHECK(f.path == "cluster.node");
    f = failure_of(with_cluster(R"("node": "n/1", "advertise": "http://a:1", "nats": ["nats://a:1"])"));
    CHECK(f.path == "cluster.node");
    f = failure_of(with_cluster(R"("node": "n1", "advertise": "a:1", "nats": ["nats://a:1"])"));
    CHECK(f.path == "cluster.advertise");
    f = failure_of(with_cluster(R"("node": "n1", "advertise": "http://a:1", "nats": [])"));
    CHECK(f.path == "cluster.nats");
    f = failure_of(with_cluster(R"("node": "n1", "advertise": "http://a:1", "nats": ["nats://a:1", "http://b:2"])"));
    CHECK(f.path == "cluster.nats[1]");
    CHECK(f.message == R"(cluster.nats[1]: expected a NATS URL such as "nats://127.0.0.1:4222", got "http://b:2")");
    f = failure_of(with_cluster(kMinimal + R"(, "replicas": 0)"));
    CHECK(f.path == "cluster.replicas");
    f = failure_of(with_cluster(kMinimal + R"(, "replicas": 6)"));
    CHECK(f.message == "cluster.replicas: expected a replica count from 1 to 5, got 6");
    f = failure_of(with_cluster(kMinimal + R"(, "holds": [0, 256])"));
    CHECK(f.path == "cluster.holds[1]");
    f = failure_of(with_cluster(kMinimal + R"(, "holds": [1, 1])"));
    CHECK(f.message == "cluster.holds[1]: shard 1 is listed twice");
    f = failure_of(with_cluster(kMinimal + R"(, "snapshot_every_records": 0)"));
    CHECK(f.path == "cluster.snapshot_every_records");
    f = failure_of(with_cluster(kMinimal + R"(, "trim_interval_ms": -1)"));
    CHECK(f.path == "cluster.trim_interval_ms");
    f = failure_of(with_cluster(kMinimal + R"(, "holds": [])"));
    CHECK(f.path == "cluster.holds");
    f = failure_of(with_cluster(kMinimal + R"(, "replica": 3)"));
    CHECK(f.path == "cluster.replica");
    CHECK(f.message.find("did you mean") != std::string::npos);
}

TEST_CASE("collection shards: default 1, 1..256, echoed", "[config][cluster]") {
    CHECK(parse_config(with_collection(R"("fields": {"t": {"type": "text"}})")).collections[0].shards == 1);
    const auto sharded = parse_config(with_collection(R"("shards": 3)")).collections[0];
    CHECK(sharded.shards == 3);
    CHECK(to_json(sharded).at("shards") == 3);
    CHECK(parse_collection(to_json(sharded), "") == sharded);
    CHECK(parse_config(with_collection(R"("shards": 256)")).collections[0].shards == 256);

    auto f = failure_of(with_collection(R"("shards": 0)"));
    CHECK(f.path == "collections[0].shards");
    CHECK(f.message == "collections[0].shards: expected a shard count from 1 to 256, got 0");
    f = failure_of(with_collection(R"("shards": 257)"));
    CHECK(f.path == "collections[0].shards");
    f = failure_of(with_collection(R"("shards": "3")"));
    CHECK(f.path == "collections[0].shards");
}
