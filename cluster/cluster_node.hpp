#pragma once
// One braid node of a cluster: its NATS connection, the collections it replicates (each a
// ReplicatedCollection on its stream), the catalog stream that creates and drops collections on
// every node, its entry in the node registry (NodeHeartbeat) with what it holds and the sequence
// each collection's newest local snapshot covers, and the stream trimmer (stream_trimmer.cpp).
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "cluster/node_heartbeat.hpp"
#include "cluster/node_registry.hpp"
#include "cluster/replicated_collection.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"

namespace braid::cluster {

// The stream that orders creates and drops (not a collection name braid accepts over the API:
// create() refuses it).
inline constexpr std::string_view kCatalogStream = "_braid_catalog";

struct ClusterNodeOptions {
    config::ClusterConfig cluster;
    std::filesystem::path data_dir;             // snapshots go to data_dir/cluster/<collection>/
    std::chrono::milliseconds apply_wait{5000};
    std::chrono::milliseconds heartbeat{1000};
    std::optional<std::string> api_key;         // sent to peers (GET /_cluster/snapshot/...)
};

// A collection's newest snapshot, as GET /_cluster/snapshot/{collection} serves it.
struct SnapshotArchive {
    std::uint64_t sequence = 0;  // the stream sequence it covers
    std::string body;            // pack_snapshot()
};

class ClusterNode {
public:
    // Connects to NATS (Error(unavailable, "nats_unavailable") when no server answers).
    explicit ClusterNode(ClusterNodeOptions options);
    ~ClusterNode();  // stop()
    ClusterNode(const ClusterNode&) = delete;
    ClusterNode& operator=(const ClusterNode&) = delete;

    // Makes a catalog built with these options a cluster catalog: its collections replicate on
    // streams, creates and drops go through the catalog stream.
    void attach(engine::CatalogOptions& options);
    // The catalog built with those options, before catalog.open().
    void bind(engine::Catalog& catalog);
    // After catalog.open(): applies the catalog stream (the collections created through the API),
    // follows it from then on, and announces this node in the registry.
    void start();
    // Writes a snapshot of every collection (clean shutdown).
    void snapshot_all();
    // Stops following and withdraws the node from the registry; the catalog may go after this.
    void stop();

    // The newest local snapshot of `collection` (one is written first when there is none).
    // Error(not_found, "collection_not_found") for a collection this node does not replicate.
    SnapshotArchive snapshot_archive(const std::string& collection);

    // The replicated collection named so (nullptr when absent).
    std::shared_ptr<ReplicatedCollection> collection(const std::string& name) const;
    NatsConnection& connection() { return *connection_; }
    const ClusterNodeOptions& options() const { return options_; }
    std::filesystem::path snapshot_dir(const std::string& collection) const;

private:
    std::shared_ptr<engine::Collection> wrap(std::shared_ptr<engine::LocalCollection>& local);
    void publish_create(const config::CollectionConfig& schema);
    void publish_drop(const std::string& name);
    void publish_catalog(const std::string& record);
    void follow_catalog();
    bool apply_catalog(const LogRecord& record);
    NodeInfo node_info() const;
    // Fetches a live peer's snapshot of `collection` into its snapshot folder; false when no
    // peer could give one.
    bool bootstrap_from_peer(const std::string& collection);
    // Puts this node's entry in the registry now (not at the next beat): a node about to follow
    // a stream from `sequence` + 1 says so before it looks, so the stream is not trimmed past it.
    void announce_need(const std::string& collection, std::uint64_t sequence);
    std::vector<std::shared_ptr<ReplicatedCollection>> replicated() const;
    // stream_trimmer.cpp: every trim_interval_ms, the first live node (by name) of those that
    // need a collection's stream trims it through the least sequence their snapshots cover.
    void trim_loop();
    void trim_streams();

    ClusterNodeOptions options_;
    std::unique_ptr<NatsConnection> connection_;
    std::unique_ptr<JetStreamLog> catalog_log_;
    std::unique_ptr<NodeRegistry> registry_;
    std::unique_ptr<NodeHeartbeat> heartbeat_;
    engine::Catalog* catalog_ = nullptr;
    const analyzers::AnalyzerRegistry* analyzers_ = nullptr;

    mutable std::mutex mutex_;
    std::condition_variable catalog_applied_cv_;
    std::uint64_t catalog_applied_ = 0;
    std::map<std::string, std::weak_ptr<ReplicatedCollection>> collections_;
    std::map<std::string, std::uint64_t> needs_;  // collections being opened: where they start
    std::atomic<bool> stopping_{false};
    std::thread catalog_follower_;
    std::mutex trim_mutex_;  // with trim_wake_: stops the trimmer at once
    std::condition_variable trim_wake_;
    std::thread trimmer_;
};

}  // namespace braid::cluster
