#include "cluster/node_heartbeat.hpp"

#include "core/error.hpp"

namespace braid::cluster {

NodeHeartbeat::NodeHeartbeat(NodeRegistry& registry, NodeInfo node, std::chrono::milliseconds interval)
    : registry_(registry), interval_(interval), node_(std::move(node)) {
    registry_.announce(node_);
    thread_ = std::thread([this] { run(); });
}

NodeHeartbeat::~NodeHeartbeat() {
    std::string name;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        name = node_.node;
    }
    wake_.notify_all();
    thread_.join();
    try {
        registry_.withdraw(name);
    } catch (const Error&) {
        // NATS unreachable: the entry expires after its TTL instead.
    }
}

void NodeHeartbeat::update(NodeInfo node) {
    const std::lock_guard lock(mutex_);
    node_ = std::move(node);
}

std::uint64_t NodeHeartbeat::failed_beats() const {
    const std::lock_guard lock(mutex_);
    return failed_beats_;
}

void NodeHeartbeat::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        const NodeInfo node = node_;
        lock.unlock();
        bool failed = false;
        try {
            registry_.announce(node);
        } catch (const Error&) {
            failed = true;
        }
        lock.lock();
        if (failed) ++failed_beats_;
    }
}

}  // namespace braid::cluster
