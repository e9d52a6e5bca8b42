#pragma once
// A collection whose journal is its JetStream stream. A write on any node is checked, given its
// vector when the collection embeds server-side (once, here: followers apply it as published),
// published to its shard's subject (with a message id, so a retry after a lost acknowledgement is
// stored once), acknowledged by the stream's quorum, and applied by every node's follower in
// stream order; the writer answers once its own follower applied it (when this node holds the
// shard) and notes the record's sequence for the answer (engine/write_sequence.hpp). A bulk body
// is published in records of up to 100 lines without waiting for each acknowledgement (JetStreamBatchPublisher);
// followers apply a run of such records as one local bulk. Reads and searches go to the local
// copy; a search with min_sequence first waits until the follower applied it.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <vector>

#include "cluster/jetstream_log.hpp"
#include "cluster/shard_router.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"
#include "engine/document_parser.hpp"
#include "engine/local_collection.hpp"

namespace braid::cluster {

struct ReplicaOptions {
    std::string node;                           // message ids start with it
    config::ClusterConfig cluster;              // what this node holds
    std::filesystem::path snapshot_dir;         // where its snapshots go ("" none)
    std::uint64_t snapshot_every_records = 0;   // a snapshot after this many applied records; 0: only on request
    std::chrono::milliseconds apply_wait{5000}; // how long a write or a min_sequence search waits for the follower
};

class ReplicatedCollection final : public engine::Collection {
public:
    // Starts following the stream from the sequence after what `local` holds (`applied`), and
    // catches up before answering writes or min_sequence searches that need later records.
    ReplicatedCollection(std::shared_ptr<engine::LocalCollection> local, std::unique_ptr<JetStreamLog> log,
                         const analyzers::AnalyzerRegistry& registry, ReplicaOptions options, std::uint64_t applied);
    ~ReplicatedCollection() override;  // stops the follower
    ReplicatedCollection(const ReplicatedCollection&) = delete;
    ReplicatedCollection& operator=(const ReplicatedCollection&) = delete;

    const config::CollectionConfig& schema() const override { return local_->schema(); }
    engine::CollectionStats stats() const override { return local_->stats(); }
    engine::UpsertOutcome upsert(const std::string& id, boost::json::object document) override;
    engine::UpsertOutcome upsert_text(const std::string& id, std::string_view json_text) override;
    std::optional<std::string> get_text(const std::string& id) const override { return local_->get_text(id); }
    bool remove(const std::string& id) override;
    engine::DocumentPage list_documents(const std::optional<std::string>& after, std::size_t limit) const override {
        return local_->list_documents(after, limit);
    }
    engine::BulkResult bulk(std::string_view ndjson) override;
    engine::SearchResponse search(const engine::SearchRequest& request) const override;

    // The last stream sequence this node applied (records of shards it does not hold count as applied).
    std::uint64_t applied_sequence() const { return applied_.load(); }
    // Waits until applied_sequence() >= sequence; false after `wait`.
    bool wait_applied(std::uint64_t sequence, std::chrono::milliseconds wait) const;
    // Writes a snapshot covering applied_sequence() into snapshot_dir (the follower pauses), then
    // removes older ones; returns the sequence it covers.
    std::uint64_t snapshot();
    // The stream sequence this node's newest local snapshot covers (0: none yet): the node needs
    // the stream after it to restart, so the stream may be trimmed through it (ClusterNode).
    std::uint64_t snapshot_sequence() const { return snapshot_sequence_.load(); }
    // Stops the follower (before a drop, or shutdown).
    void stop();
    JetStreamLog& log() { return *log_; }
    bool holds(std::uint32_t shard) const { return options_.cluster.holds_shard(shard); }

private:
    // What the follower did with a record this node's writer waits for.
    struct Applied {
        bool ok = true;        // false: the whole record was refused (`error`)
        bool existed = false;  // upsert: replaced; remove: found
        std::string error;
        std::vector<engine::BulkError> line_errors;  // bulk: lines refused, numbered within the record
    };
    std::string next_msg_id();
    void ensure_open() const;
    std::uint64_t publish(std::uint32_t shard, const std::string& payload);
    Applied wait_for(std::uint64_t sequence, std::uint32_t shard);
    // Waits until the follower applied `sequence`, as long as it keeps applying (Error
    // sequence_not_applied after apply_wait without progress).
    void wait_progressing(std::uint64_t sequence) const;
    // The outcomes of this process's records at these sequences (absent: applied without error).
    std::map<std::uint64_t, Applied> take_outcomes(const std::vector<std::uint64_t>& sequences);
    // replicated_collection_follower.cpp
    void follow();
    void apply_run(std::vector<LogRecord>& run);
    std::vector<Applied> apply_bulk_records(const std::vector<const LogRecord*>& records);
    Applied apply(const LogRecord& record);
    std::uint64_t snapshot_locked();

    const std::shared_ptr<engine::LocalCollection> local_;
    const std::unique_ptr<JetStreamLog> log_;
    const engine::DocumentParser parser_;
    const engine::CollectionEmbedder* const embedder_;  // local_'s (null: none)
    const ReplicaOptions options_;
    const ShardRouter router_;
    const std::string boot_id_;  // distinguishes message ids of this process from earlier ones
    std::atomic<std::uint64_t> msg_counter_{0};

    std::atomic<std::uint64_t> applied_{0};
    mutable std::mutex mutex_;  // guards outcomes_; with applied_cv_ for waiters
    mutable std::condition_variable applied_cv_;
    // Of records this process published (their message id starts with boot_id_), until their
    // writer reads them.
    std::map<std::uint64_t, Applied> outcomes_;
    std::mutex follow_mutex_;                    // held while applying or snapshotting
    std::uint64_t since_snapshot_ = 0;
    std::atomic<std::uint64_t> snapshot_sequence_{0};
    std::atomic<bool> stopping_{false};
    std::thread follower_;
};

// The newest snapshot under `dir` (folders "seq-<N>") and the sequence it covers.
struct StoredSnapshot {
    std::filesystem::path path;
    std::uint64_t sequence = 0;
};
std::optional<StoredSnapshot> newest_snapshot(const std::filesystem::path& dir);

}  // namespace braid::cluster
