#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "cluster/node_registry.hpp"

namespace braid::cluster {

// Keeps a node's registry entry alive: announces it at once (throwing if that fails), then again
// every `interval` on its own thread (failures there are counted, and the next beat retries).
// The destructor stops the beats and withdraws the entry.
class NodeHeartbeat {
public:
    // `interval` should be well under the registry's TTL (a third of it: two beats may be lost).
    NodeHeartbeat(NodeRegistry& registry, NodeInfo node, std::chrono::milliseconds interval);
    ~NodeHeartbeat();
    NodeHeartbeat(const NodeHeartbeat&) = delete;
    NodeHeartbeat& operator=(const NodeHeartbeat&) = delete;

    // Changes what the node announces (e.g. after a shard was added); announced at the next beat.
    void update(NodeInfo node);
    std::uint64_t failed_beats() const;

private:
    void run();

    NodeRegistry& registry_;
    const std::chrono::milliseconds interval_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    NodeInfo node_;
    bool stopping_ = false;
    std::uint64_t failed_beats_ = 0;
    std::thread thread_;
};

}  // namespace braid::cluster
