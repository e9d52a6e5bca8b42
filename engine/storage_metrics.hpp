#pragma once
#include "metrics/registry.hpp"
#include "storage/write_ahead_log.hpp"

namespace braid::engine {

// What the catalog's storage records: journal appends and bytes, each fsync's latency and
// group-commit size, snapshots taken (by result) and their duration.
class StorageMetrics {
public:
    explicit StorageMetrics(metrics::Registry& registry);

    void appended(std::uint64_t bytes) const;
    void synced(const storage::WalSync& sync) const;
    void snapshot_taken(double seconds, bool ok) const;

private:
    metrics::Counter& appends_;
    metrics::Counter& bytes_;
    metrics::Histogram& fsync_seconds_;
    metrics::Histogram& group_commit_records_;
    metrics::Family<metrics::Counter>& snapshots_;
    metrics::Histogram& snapshot_seconds_;
};

}  // namespace braid::engine
