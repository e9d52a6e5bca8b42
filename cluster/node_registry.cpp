#include "cluster/node_registry.hpp"

#include <nats/nats.h>

#include <algorithm>

#include "cluster/nats_error.hpp"
#include "config/config.hpp"
#include "core/error.hpp"

namespace braid::cluster {
namespace {

void check_node_name(std::string_view node) {
    if (!config::is_safe_name(node))
        throw Error(ErrorKind::invalid_argument, "invalid_name",
                    "cluster.node: \"" + std::string(node) + "\" is not a valid node name (1-128 letters, digits, '_', '.', '-')",
                    "cluster.node");
}

}  // namespace

NodeRegistry::NodeRegistry(NatsConnection& connection, RegistryOptions options)
    : connection_(connection), options_(std::move(options)) {
    kvConfig config;
    kvConfig_Init(&config);
    config.Bucket = options_.bucket.c_str();
    config.History = 1;
    config.TTL = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.ttl).count();
    config.StorageType = js_FileStorage;
    config.Replicas = options_.replicas;
    if (js_CreateKeyValue(&store_, connection_.jetstream(), &config) == NATS_OK) return;
    // Made before with other settings: use it as it is.
    check_nats("opening the node registry bucket " + options_.bucket, js_KeyValue(&store_, connection_.jetstream(), options_.bucket.c_str()));
}

NodeRegistry::~NodeRegistry() { kvStore_Destroy(store_); }

void NodeRegistry::announce(const NodeInfo& node) {
    check_node_name(node.node);
    const std::string value = node_info_json(node);
    std::uint64_t revision = 0;
    check_nats("announcing node " + node.node,
               kvStore_Put(&revision, store_, node.node.c_str(), value.data(), static_cast<int>(value.size())));
}

void NodeRegistry::withdraw(std::string_view node) {
    check_node_name(node);
    const std::string key(node);
    // Purge, not delete: nothing of the entry is left, not even a marker.
    check_nats("withdrawing node " + key, kvStore_Purge(store_, key.c_str(), nullptr));
}

std::vector<NodeInfo> NodeRegistry::live_nodes() const {
    kvKeysList keys{};
    kvWatchOptions options;
    kvWatchOptions_Init(&options);
    options.Timeout = connection_.options().request_timeout.count();
    const natsStatus status = kvStore_Keys(&keys, store_, &options);
    if (status == NATS_NOT_FOUND) return {};  // an empty bucket
    check_nats("listing the node registry", status);
    std::vector<NodeInfo> nodes;
    for (int i = 0; i < keys.Count; ++i) {
        kvEntry* entry = nullptr;
        const natsStatus got = kvStore_Get(&entry, store_, keys.Keys[i]);
        if (got == NATS_NOT_FOUND) continue;  // expired or withdrawn since the listing
        if (got != NATS_OK) {
            kvKeysList_Destroy(&keys);
            throw_nats_error("reading the node registry", got);
        }
        const std::string_view value(static_cast<const char*>(kvEntry_Value(entry)), static_cast<std::size_t>(kvEntry_ValueLen(entry)));
        try {
            nodes.push_back(parse_node_info(value));
        } catch (const Error&) {
            // An entry some other program wrote: not a node braid can route to.
        }
        kvEntry_Destroy(entry);
    }
    kvKeysList_Destroy(&keys);
    std::sort(nodes.begin(), nodes.end(), [](const NodeInfo& a, const NodeInfo& b) { return a.node < b.node; });
    return nodes;
}

std::vector<NodeInfo> NodeRegistry::holders(std::string_view collection, std::uint32_t shard) const {
    std::vector<NodeInfo> result;
    for (auto& node : live_nodes()) {
        const auto held = node.holds.find(std::string(collection));
        if (held != node.holds.end() && std::find(held->second.begin(), held->second.end(), shard) != held->second.end())
            result.push_back(std::move(node));
    }
    return result;
}

}  // namespace braid::cluster
