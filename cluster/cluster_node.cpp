#include "cluster/cluster_node.hpp"

#include <iostream>

#include <boost/json/parse.hpp>

#include "cluster/fan_out_collection.hpp"
#include "cluster/snapshot_archive.hpp"
#include "core/error.hpp"
#include "net/http_client.hpp"
#include "core/json_text.hpp"
#include "engine/local_collection.hpp"

namespace braid::cluster {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr auto kCatalogCatchUp = 30s;
// A JetStream cluster that just started elects its meta leader before it creates streams.
constexpr auto kStartPatience = 30s;

// `make` again while it fails with Error(unavailable), for up to kStartPatience.
template <typename Make>
auto with_patience(Make&& make) {
    const auto deadline = std::chrono::steady_clock::now() + kStartPatience;
    while (true) {
        try {
            return make();
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::unavailable || std::chrono::steady_clock::now() >= deadline) throw;
            std::this_thread::sleep_for(250ms);
        }
    }
}

NatsOptions nats_options(const config::ClusterConfig& cluster) {
    NatsOptions options;
    options.urls = cluster.nats;
    options.name = "braid " + cluster.node;
    return options;
}

}  // namespace

ClusterNode::ClusterNode(ClusterNodeOptions options)
    : options_(std::move(options)), connection_(std::make_unique<NatsConnection>(nats_options(options_.cluster))) {
    catalog_log_ = with_patience([this] {
        return std::make_unique<JetStreamLog>(
            *connection_, StreamSpec{std::string(kCatalogStream), static_cast<int>(options_.cluster.replicas)});
    });
    RegistryOptions registry;
    registry.replicas = static_cast<int>(options_.cluster.replicas);
    registry_ = with_patience([this, &registry] { return std::make_unique<NodeRegistry>(*connection_, registry); });
}

ClusterNode::~ClusterNode() { stop(); }

fs::path ClusterNode::snapshot_dir(const std::string& collection) const {
    return options_.data_dir / "cluster" / collection;
}

void ClusterNode::attach(engine::CatalogOptions& options) {
    options.wrap = [this](std::shared_ptr<engine::LocalCollection>& local) { return wrap(local); };
    options.publish_create = [this](const config::CollectionConfig& schema) { publish_create(schema); };
    options.publish_drop = [this](const std::string& name) { publish_drop(name); };
}

std::shared_ptr<engine::Collection> ClusterNode::wrap(std::shared_ptr<engine::LocalCollection>& local) {
    if (analyzers_ == nullptr)
        throw Error(ErrorKind::internal, "internal", "ClusterNode::wrap before the catalog was attached");
    const std::string name = local->schema().name;
    if (name == kCatalogStream)
        throw Error(ErrorKind::invalid_argument, "invalid_name", "name: \"" + name + "\" is reserved by the cluster", "name");
    const fs::path dir = snapshot_dir(name);
    fs::create_directories(dir);
    auto log = with_patience([&] {
        return std::make_unique<JetStreamLog>(*connection_, StreamSpec{name, static_cast<int>(options_.cluster.replicas)});
    });
    // Where this node's snapshot leaves off must still be in the stream; else a peer's newer
    // snapshot is the start.
    const auto stored = newest_snapshot(dir);
    announce_need(name, stored ? stored->sequence : 0);
    try {
        (void)log->follow(stored ? stored->sequence + 1 : 1);
    } catch (const Error& e) {
        if (e.type() != "log_trimmed") throw;
        if (!bootstrap_from_peer(name))
            throw Error(ErrorKind::unavailable, "nats_unavailable",
                        "collection \"" + name + "\": " + e.what() + "; and no live peer could send its snapshot");
    }
    std::uint64_t applied = 0;
    if (const auto newest = newest_snapshot(dir)) {
        local = engine::LocalCollection::load_snapshot(newest->path, *analyzers_);
        applied = newest->sequence;
        if (!stored || stored->sequence != newest->sequence) announce_need(name, newest->sequence);
    }
    ReplicaOptions replica;
    replica.node = options_.cluster.node;
    replica.cluster = options_.cluster;
    replica.snapshot_dir = dir;
    replica.snapshot_every_records = options_.cluster.snapshot_every_records;
    replica.apply_wait = options_.apply_wait;
    auto collection = std::make_shared<ReplicatedCollection>(local, std::move(log), *analyzers_, replica, applied);
    {
        std::lock_guard lock(mutex_);
        collections_[name] = collection;
        needs_.erase(name);
    }
    if (heartbeat_) heartbeat_->update(node_info());
    FanOutOptions fan_out;
    fan_out.node = options_.cluster.node;
    fan_out.live_nodes = [this] { return registry_->live_nodes(); };
    fan_out.api_key = options_.api_key;
    fan_out.apply_wait = options_.apply_wait;
    return std::make_shared<FanOutCollection>(collection, local, std::move(fan_out));
}

void ClusterNode::announce_need(const std::string& name, std::uint64_t sequence) {
    {
        std::lock_guard lock(mutex_);
        needs_[name] = sequence;
    }
    try {
        registry_->announce(node_info());
    } catch (const Error& e) {
        std::cerr << "braid: announcing node " << options_.cluster.node << ": " << e.what() << "\n";
    }
}

bool ClusterNode::bootstrap_from_peer(const std::string& name) {
    net::ClientOptions client_options;
    client_options.retry.max_retries = 1;
    net::HttpClient client(client_options);
    for (const auto& peer : registry_->live_nodes()) {
        if (peer.node == options_.cluster.node || !peer.holds.contains(name)) continue;
        net::Request request;
        request.method = "GET";
        request.url = peer.advertise + "/_cluster/snapshot/" + name;
        if (options_.api_key) request.headers.emplace_back("Authorization", "Bearer " + *options_.api_key);
        try {
            const net::Response response = client.send(request);
            const std::string sequence = response.header("X-Braid-Sequence");
            if (response.status != 200 || sequence.empty()) continue;
            const fs::path target = snapshot_dir(name) / ("seq-" + std::to_string(std::stoull(sequence)));
            const fs::path temporary = snapshot_dir(name) / "tmp-peer";
            fs::remove_all(temporary);
            unpack_snapshot(response.body, temporary);
            fs::remove_all(target);
            fs::rename(temporary, target);
            std::cerr << "braid: \"" << name << "\" starts from " << peer.node << "'s snapshot through sequence "
                      << sequence << "\n";
            return true;
        } catch (const std::exception& e) {
            std::cerr << "braid: the snapshot of \"" << name << "\" from " << peer.node << ": " << e.what() << "\n";
        }
    }
    return false;
}

SnapshotArchive ClusterNode::snapshot_archive(const std::string& name) {
    const auto replicated = collection(name);
    if (!replicated)
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + name + "\" does not exist");
    auto stored = newest_snapshot(snapshot_dir(name));
    if (!stored) {
        (void)replicated->snapshot();
        stored = newest_snapshot(snapshot_dir(name));
    }
    if (!stored) throw Error(ErrorKind::internal, "internal", "no snapshot of \"" + name + "\" was written");
    return SnapshotArchive{stored->sequence, pack_snapshot(stored->path)};
}

std::shared_ptr<ReplicatedCollection> ClusterNode::collection(const std::string& name) const {
    std::lock_guard lock(mutex_);
    const auto it = collections_.find(name);
    return it == collections_.end() ? nullptr : it->second.lock();
}

void ClusterNode::publish_catalog(const std::string& record) {
    const auto sequence = catalog_log_->append(0, record, {}).sequence;
    std::unique_lock lock(mutex_);
    if (!catalog_applied_cv_.wait_for(lock, options_.apply_wait * 2, [&] { return catalog_applied_ >= sequence; }))
        throw Error(ErrorKind::unavailable, "sequence_not_applied",
                    "the catalog stream's sequence " + std::to_string(sequence) + " was not applied in time");
}

void ClusterNode::publish_create(const config::CollectionConfig& schema) {
    if (schema.name == kCatalogStream)
        throw Error(ErrorKind::invalid_argument, "invalid_name", "name: \"" + schema.name + "\" is reserved by the cluster",
                    "name");
    std::string record = "C";
    append_json_text(record, config::to_json(schema));
    publish_catalog(record);
}

void ClusterNode::publish_drop(const std::string& name) {
    std::string record = "X";
    record += name;
    publish_catalog(record);
    // Every node stops following the stream when it applies the drop; a collection created
    // again under the name starts a new stream.
    try {
        JetStreamLog(*connection_, StreamSpec{name, static_cast<int>(options_.cluster.replicas)}).delete_stream();
    } catch (const Error& e) {
        std::cerr << "braid: dropping the stream of \"" << name << "\": " << e.what() << "\n";
    }
}

bool ClusterNode::apply_catalog(const LogRecord& record) {
    if (record.payload.empty()) return true;
    const std::string_view body = std::string_view(record.payload).substr(1);
    try {
        if (record.payload.front() == 'C') {
            catalog_->apply_create(config::parse_collection(boost::json::parse(body), ""));
        } else if (record.payload.front() == 'X') {
            const std::string name(body);
            catalog_->apply_drop(name);
            {
                std::lock_guard lock(mutex_);
                collections_.erase(name);
            }
            std::error_code ignored;
            fs::remove_all(snapshot_dir(name), ignored);
            if (heartbeat_) heartbeat_->update(node_info());
        }
    } catch (const Error& e) {
        std::cerr << "braid: catalog stream record " << record.sequence << ": " << e.what() << "\n";
    }
    return true;
}

void ClusterNode::follow_catalog() {
    std::unique_ptr<LogCursor> cursor;
    while (!stopping_) {
        try {
            std::uint64_t applied = 0;
            {
                std::lock_guard lock(mutex_);
                applied = catalog_applied_;
            }
            if (!cursor) cursor = catalog_log_->follow(applied + 1);
            const auto record = cursor->next(200ms);
            if (!record || record->sequence <= applied) continue;
            apply_catalog(*record);
            {
                std::lock_guard lock(mutex_);
                catalog_applied_ = record->sequence;
            }
            catalog_applied_cv_.notify_all();
        } catch (const Error& e) {
            if (stopping_) break;
            std::cerr << "braid: following the catalog stream: " << e.what() << "\n";
            cursor.reset();
            std::this_thread::sleep_for(500ms);
        }
    }
}

void ClusterNode::bind(engine::Catalog& catalog) {
    catalog_ = &catalog;
    analyzers_ = &catalog.analyzers();
}

void ClusterNode::start() {
    if (catalog_ == nullptr) throw Error(ErrorKind::internal, "internal", "ClusterNode::start before bind");
    const std::uint64_t last = catalog_log_->state().last_sequence;
    catalog_follower_ = std::thread([this] { follow_catalog(); });
    {
        std::unique_lock lock(mutex_);
        if (!catalog_applied_cv_.wait_for(lock, kCatalogCatchUp, [&] { return catalog_applied_ >= last; }))
            throw Error(ErrorKind::unavailable, "sequence_not_applied",
                        "the catalog stream could not be read through sequence " + std::to_string(last));
    }
    heartbeat_ = std::make_unique<NodeHeartbeat>(*registry_, node_info(), options_.heartbeat);
    if (options_.cluster.trim_interval_ms > 0) trimmer_ = std::thread([this] { trim_loop(); });
}

NodeInfo ClusterNode::node_info() const {
    NodeInfo info{options_.cluster.node, options_.cluster.advertise, {}, {}};
    std::lock_guard lock(mutex_);
    for (const auto& [name, weak] : collections_) {
        const auto collection = weak.lock();
        if (!collection) continue;
        auto& shards = info.holds[name];
        for (std::uint32_t shard = 0; shard < collection->schema().shards; ++shard)
            if (options_.cluster.holds_shard(shard)) shards.push_back(shard);
        info.snapshots[name] = collection->snapshot_sequence();
    }
    for (const auto& [name, sequence] : needs_) info.snapshots[name] = sequence;
    return info;
}

std::vector<std::shared_ptr<ReplicatedCollection>> ClusterNode::replicated() const {
    std::vector<std::shared_ptr<ReplicatedCollection>> all;
    std::lock_guard lock(mutex_);
    for (const auto& [name, weak] : collections_)
        if (auto collection = weak.lock()) all.push_back(std::move(collection));
    return all;
}

void ClusterNode::snapshot_all() {
    for (const auto& collection : replicated()) {
        try {
            collection->snapshot();
        } catch (const std::exception& e) {
            std::cerr << "braid: snapshot of \"" << collection->schema().name << "\": " << e.what() << "\n";
        }
    }
}

void ClusterNode::stop() {
    {
        std::lock_guard lock(trim_mutex_);
        stopping_ = true;
    }
    trim_wake_.notify_all();
    if (trimmer_.joinable()) trimmer_.join();
    if (catalog_follower_.joinable()) catalog_follower_.join();
    heartbeat_.reset();
}

}  // namespace braid::cluster
