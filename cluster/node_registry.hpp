#pragma once
// Which node holds which shards, in a JetStream key-value bucket whose entries expire: a node
// puts its entry (key = node name) at least once per TTL, and an entry not renewed in time
// disappears, so listing the bucket lists the live nodes.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/nats_connection.hpp"

typedef struct __kvStore kvStore;

namespace braid::cluster {

struct NodeInfo {
    std::string node;       // the node's name (letters, digits, '_', '-', '.'; it is the key)
    std::string advertise;  // where peers reach its HTTP API, e.g. "http://braid-1.internal:7700"
    std::map<std::string, std::vector<std::uint32_t>> holds;  // collection -> shards it serves
    // collection -> the stream sequence the node's newest local snapshot covers: it needs the
    // stream after it to restart, so streams are trimmed to the least of the live nodes' (ClusterNode)
    std::map<std::string, std::uint64_t> snapshots;
    friend bool operator==(const NodeInfo&, const NodeInfo&) = default;
};

struct RegistryOptions {
    std::string bucket = "braid_nodes";
    std::chrono::milliseconds ttl{10000};  // an entry not renewed for this long expires
    int replicas = 1;
};

class NodeRegistry {
public:
    // Creates the bucket, or opens it as it is (its TTL and replicas were set by whoever created
    // it first). The connection must outlive the registry.
    NodeRegistry(NatsConnection& connection, RegistryOptions options = {});
    ~NodeRegistry();
    NodeRegistry(const NodeRegistry&) = delete;
    NodeRegistry& operator=(const NodeRegistry&) = delete;

    // Puts (or renews) the node's entry; also the heartbeat. Throws braid::Error(unavailable).
    void announce(const NodeInfo& node);
    // Removes the entry at once (a clean shutdown), instead of waiting for it to expire.
    void withdraw(std::string_view node);
    // Every node whose entry has not expired, by name.
    std::vector<NodeInfo> live_nodes() const;
    // The live nodes serving `shard` of `collection`, by name.
    std::vector<NodeInfo> holders(std::string_view collection, std::uint32_t shard) const;

    const RegistryOptions& options() const { return options_; }

private:
    NatsConnection& connection_;
    RegistryOptions options_;
    kvStore* store_ = nullptr;
};

// The value an entry holds: {"node":…,"advertise":…,"holds":{"collection":[0,2]},"snapshots":{"collection":1200}}
// ("snapshots" may be absent: entries of nodes that never wrote one).
std::string node_info_json(const NodeInfo& node);
// Throws braid::Error(invalid_argument) when `text` is not such an object.
NodeInfo parse_node_info(std::string_view text);

}  // namespace braid::cluster
