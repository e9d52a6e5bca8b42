// Which live nodes a fanned-out search asks: holders whose shards partition the collection,
// earlier (preferred) nodes first, none when no partition exists.
#include <catch2/catch.hpp>

#include "cluster/sharded_coordinator.hpp"

using braid::cluster::HolderNode;
using braid::cluster::partition_of;

namespace {

std::vector<HolderNode> nodes_holding(const std::vector<std::vector<std::uint32_t>>& holds) {
    std::vector<HolderNode> out;
    for (const auto& h : holds) out.push_back(HolderNode{nullptr, h});
    return out;
}

}  // namespace

TEST_CASE("partition: one holder per shard, the preferred first", "[cluster][partition]") {
    const auto nodes = nodes_holding({{1}, {0}, {1}, {2}});
    CHECK(partition_of(nodes, {true, true, true, true}, 3) == std::vector<std::size_t>{1, 0, 3});
    // The preferred holder of shard 1 is dead: its other holder.
    CHECK(partition_of(nodes, {false, true, true, true}, 3) == std::vector<std::size_t>{1, 2, 3});
    // No live holder of shard 2.
    CHECK(partition_of(nodes, {true, true, true, false}, 3).empty());
}

TEST_CASE("partition: a node answers for every shard it holds, so chosen nodes never share one", "[cluster][partition]") {
    // This node holds [0]; a peer holds everything: it alone is the partition once shard 1's only
    // other holder is gone, since [0] and [0,1,2] overlap.
    const auto nodes = nodes_holding({{0}, {1}, {2}, {0, 1, 2}});
    CHECK(partition_of(nodes, {true, true, true, true}, 3) == std::vector<std::size_t>{0, 1, 2});
    CHECK(partition_of(nodes, {true, false, true, true}, 3) == std::vector<std::size_t>{3});
    // Overlapping holds without a partition: none (the coordinator refuses, naming a shard).
    CHECK(partition_of(nodes_holding({{0, 1}, {1, 2}, {2, 0}}), {true, true, true}, 3).empty());
    // Backtracking: [0,1] first leaves shard 2 only to [1,2]; the partition is [0] + [1,2].
    CHECK(partition_of(nodes_holding({{0, 1}, {0}, {1, 2}}), {true, true, true}, 3) == std::vector<std::size_t>{1, 2});
}
