#include "engine/storage_metrics.hpp"

namespace braid::engine {
namespace {

// Snapshots write every collection: 10 ms to 10 minutes.
std::vector<double> snapshot_buckets() { return {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}; }

}  // namespace

StorageMetrics::StorageMetrics(metrics::Registry& registry)
    : appends_(registry.counter("braid_journal_appends_total", "Records appended to the write-ahead log.").with()),
      bytes_(registry.counter("braid_journal_appended_bytes_total",
                              "Bytes appended to the write-ahead log, record headers included.")
                 .with()),
      fsync_seconds_(registry
                         .histogram("braid_journal_fsync_duration_seconds",
                                    "Duration of each fdatasync that made appended records durable.", {},
                                    metrics::latency_buckets())
                         .with()),
      group_commit_records_(registry
                                .histogram("braid_journal_group_commit_records",
                                           "Records made durable by one fdatasync (group commit).", {},
                                           metrics::power_of_two_buckets(12))
                                .with()),
      snapshots_(registry.counter("braid_snapshots_total", "Snapshots of every collection, by result (ok, failed).",
                                  {"result"})),
      snapshot_seconds_(registry
                            .histogram("braid_snapshot_duration_seconds",
                                       "Time to write a snapshot of every collection, failed ones included.", {},
                                       snapshot_buckets())
                            .with()) {
    snapshots_.with({"ok"});  // both results shown from the start
    snapshots_.with({"failed"});
}

void StorageMetrics::appended(std::uint64_t bytes) const {
    appends_.add();
    bytes_.add(static_cast<double>(bytes));
}

void StorageMetrics::synced(const storage::WalSync& sync) const {
    fsync_seconds_.observe(sync.seconds);
    group_commit_records_.observe(static_cast<double>(sync.records));
}

void StorageMetrics::snapshot_taken(double seconds, bool ok) const {
    snapshots_.with({ok ? "ok" : "failed"}).add();
    snapshot_seconds_.observe(seconds);
}

}  // namespace braid::engine
