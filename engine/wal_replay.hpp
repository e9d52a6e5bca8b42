#pragma once
#include <cstdint>
#include <future>
#include <optional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "analyzers/analyzer_registry.hpp"
#include "engine/local_collection.hpp"

namespace braid::engine {

// Applies write-ahead log records (see wal_records.hpp) to recovered collections. Records may
// repeat what a snapshot already holds (a snapshot is taken while writes continue); every
// operation is idempotent under that: upserts and deletes converge per id, a create of a
// collection that exists and a drop of one that does not are skipped. A record that cannot be
// applied is reported on stderr and skipped.
class WalReplayer {
public:
    WalReplayer(std::map<std::string, std::shared_ptr<LocalCollection>>& collections,
                const analyzers::AnalyzerRegistry& registry)
        : collections_(collections), registry_(registry) {}

    // A bulk record is analyzed on other threads while the one before it is applied; it is
    // applied when the next record comes, or at finish().
    void apply(std::uint64_t sequence, std::string_view payload);
    // After the last record: the last bulk applied, every collection's queued vectors indexed
    // (LocalCollection::finish_replay).
    void finish();

private:
    // A bulk record being analyzed, to apply next.
    struct PendingBatch {
        std::uint64_t sequence = 0;
        std::shared_ptr<LocalCollection> target;
        std::future<std::vector<ParsedDocument>> analyzed;
    };

    LocalCollection& collection(const std::string& name) const;
    void apply_pending();

    std::map<std::string, std::shared_ptr<LocalCollection>>& collections_;
    const analyzers::AnalyzerRegistry& registry_;
    std::optional<PendingBatch> pending_;
};

}  // namespace braid::engine
