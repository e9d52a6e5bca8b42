// ClusterNode's stream trimmer. A node needs a collection's stream from the sequence after its
// newest local snapshot (it restarts from there), and announces that sequence in the registry;
// a node that was down is not live, and when it comes back after a trim past its snapshot it
// starts from a live peer's snapshot instead (ClusterNode::wrap). So the stream may go through
// the least sequence the live nodes' snapshots cover. One node trims each stream: the first by
// name of the live nodes that hold or announced it, so that two trims never race backwards.
#include <algorithm>
#include <iostream>
#include <limits>

#include "cluster/cluster_node.hpp"
#include "core/error.hpp"

namespace braid::cluster {

void ClusterNode::trim_loop() {
    const std::chrono::milliseconds interval(options_.cluster.trim_interval_ms);
    std::unique_lock lock(trim_mutex_);
    while (!trim_wake_.wait_for(lock, interval, [this] { return stopping_.load(); })) {
        lock.unlock();
        try {
            trim_streams();
        } catch (const std::exception& e) {
            std::cerr << "braid: trimming streams: " << e.what() << "\n";
        }
        lock.lock();
    }
}

void ClusterNode::trim_streams() {
    const NodeInfo self = node_info();
    if (heartbeat_) heartbeat_->update(self);  // the snapshots written since the last round
    const std::vector<NodeInfo> live = registry_->live_nodes();  // by name
    for (const auto& collection : replicated()) {
        const std::string& name = collection->schema().name;
        std::uint64_t through = std::numeric_limits<std::uint64_t>::max();
        std::optional<std::string> trimmer;
        for (const auto& node : live) {
            const auto snapshot = node.snapshots.find(name);
            if (!node.holds.contains(name) && snapshot == node.snapshots.end()) continue;
            if (!trimmer) trimmer = node.node;
            through = std::min(through, snapshot == node.snapshots.end() ? 0 : snapshot->second);
        }
        if (trimmer != options_.cluster.node) continue;
        // The registry may lag behind this node's own snapshots, never run ahead of them.
        through = std::min(through, self.snapshots.contains(name) ? self.snapshots.at(name) : 0);
        if (through == 0 || through < collection->log().state().first_sequence) continue;
        collection->log().trim_through(through);
        std::cerr << "braid: trimmed stream " << collection->log().stream() << " through sequence " << through
                  << " (the oldest snapshot of its live nodes)\n";
    }
}

}  // namespace braid::cluster
