#pragma once
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "analyzers/analyzer_registry.hpp"
#include "engine/catalog.hpp"
#include "engine/collection_state.hpp"
#include "engine/document_parser.hpp"
#include "engine/fair_shared_mutex.hpp"
#include "engine/journal.hpp"

namespace braid::engine {

// A collection held in memory, optionally journaling every write before applying it.
//
// Locking: `write_mutex_` serializes writers from validation through journaling to applying, so
// the journal's order is the order of application. `state_mutex_` guards the state: searches and
// reads take it shared, writers take it exclusive only to apply (never while journaling), and a
// waiting writer goes before later readers. Long read-only jobs (a dense index rebuild on a
// background thread, a snapshot) hold `write_mutex_` plus a shared lock: searches continue,
// writers of this collection wait. The rebuilt index is swapped in under the exclusive lock.
class LocalCollection final : public Collection {
public:
    LocalCollection(config::CollectionConfig schema, const analyzers::AnalyzerRegistry& registry);
    ~LocalCollection() override;  // waits for a running rebuild
    LocalCollection(const LocalCollection&) = delete;
    LocalCollection& operator=(const LocalCollection&) = delete;

    const config::CollectionConfig& schema() const override { return schema_; }
    CollectionStats stats() const override;

    UpsertOutcome upsert(const std::string& id, boost::json::object document) override;
    UpsertOutcome upsert_text(const std::string& id, std::string_view json_text) override;
    std::optional<boost::json::value> get(const std::string& id) const override;
    bool remove(const std::string& id) override;
    BulkResult bulk(std::string_view ndjson) override;
    SearchResponse search(const SearchRequest& request) const override;

    // Later writes are recorded there first (null: not recorded). Set before sharing the collection.
    void set_journal(Journal* journal) { journal_ = journal; }
    // Makes later writes fail with not_found; `then` runs while writers are held off (the catalog
    // journals the drop there, so no write of this collection can follow it in the log).
    template <typename Fn>
    void mark_dropped(Fn&& then) {
        std::lock_guard write(write_mutex_);
        std::forward<Fn>(then)();
        dropped_ = true;
    }

    // Writes schema.json, documents.jsonl, lexical.bin and dense/ into `dir`. Every write that
    // was journaled before the call is included; writers of this collection wait meanwhile.
    void write_snapshot(const std::filesystem::path& dir) const;
    // Rebuilds a collection from what write_snapshot() wrote; re-indexes the documents when
    // lexical.bin or dense/ cannot be read (reported on stderr).
    static std::shared_ptr<LocalCollection> load_snapshot(const std::filesystem::path& dir,
                                                          const analyzers::AnalyzerRegistry& registry);

private:
    void ensure_open() const;
    UpsertOutcome upsert_parsed(const ParsedDocument& parsed);
    void apply_batch(const std::vector<ParsedDocument>& batch);
    void maybe_start_rebuild();  // call holding write_mutex_
    void rebuild_dense();

    const config::CollectionConfig schema_;
    const DocumentParser parser_;
    Journal* journal_ = nullptr;
    bool dropped_ = false;  // guarded by write_mutex_

    mutable std::mutex write_mutex_;
    mutable FairSharedMutex state_mutex_;
    CollectionState state_;

    std::atomic<bool> rebuilding_{false};
    std::thread rebuild_thread_;
};

}  // namespace braid::engine
