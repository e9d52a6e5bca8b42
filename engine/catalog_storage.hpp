#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/analyzer_registry.hpp"
#include "engine/journal.hpp"
#include "engine/local_collection.hpp"
#include "engine/storage_metrics.hpp"
#include "storage/snapshot_store.hpp"
#include "storage/write_ahead_log.hpp"

namespace braid::engine {

using CollectionMap = std::map<std::string, std::shared_ptr<LocalCollection>>;

// The catalog's data folder: one write-ahead log (`wal/`) for every write of every collection,
// and snapshots (`snapshots/snap-<sequence>/collections/<name>/`), the newest two kept. The log
// is dropped only up to the older of the two. Thread-safe.
class CatalogStorage final : public Journal {
public:
    // `collections` lists the catalog's collections when a snapshot is taken; the catalog holds
    // its lock inside it, so a create or drop journaled before the snapshot's sequence is visible.
    // Writes are refused (Error(insufficient_storage)) while data_dir's disk has less than
    // `min_free_bytes` free, so the log never meets a full disk in the middle of a record.
    CatalogStorage(std::filesystem::path data_dir, std::uint64_t snapshot_every_bytes, std::uint64_t min_free_bytes,
                   std::function<std::vector<std::shared_ptr<LocalCollection>>()> collections);
    ~CatalogStorage() override;  // waits for a background snapshot

    // Loads the newest valid snapshot and replays the log after it. Problems that lose nothing
    // acknowledged (a damaged older snapshot, a torn log tail) are reported on stderr.
    CollectionMap recover(const analyzers::AnalyzerRegistry& registry);

    // Durable before it returns; starts a background snapshot once the log passed the threshold.
    std::uint64_t append(std::string_view record) override;

    // Writes a snapshot of every collection and drops the log it covers. A snapshot that fails
    // leaves no temporary folder behind.
    void snapshot();
    // Free bytes on data_dir's disk.
    std::uint64_t free_bytes() const;
    // Waits for a background snapshot to finish (tests; shutdown).
    void wait_for_background_snapshot();
    // From now on, appends, syncs and snapshots are recorded in `metrics` (which must outlive this).
    void set_metrics(const StorageMetrics* metrics) { metrics_.store(metrics); }

private:
    void maybe_snapshot_in_background();
    void write_snapshot();
    storage::WalOptions wal_options();

    std::filesystem::path data_dir_;
    std::uint64_t snapshot_every_bytes_;
    std::uint64_t min_free_bytes_;
    std::function<std::vector<std::shared_ptr<LocalCollection>>()> collections_;
    std::atomic<const StorageMetrics*> metrics_{nullptr};  // before wal_, whose callbacks read it
    storage::WriteAheadLog wal_;
    storage::SnapshotStore snapshots_;

    std::mutex snapshot_mutex_;           // one snapshot at a time; guards log_needed_after_
    // The log is kept from the previous snapshot on, so when the newest snapshot turns out to be
    // damaged, the one before it plus the log still hold every acknowledged write.
    std::uint64_t log_needed_after_ = 0;
    std::mutex thread_mutex_;             // guards background_
    std::atomic<bool> background_running_{false};
    std::thread background_;
};

}  // namespace braid::engine
