#pragma once
#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "analyzers/analyzer_registry.hpp"
#include "dense/queued_vector_index.hpp"
#include "engine/catalog.hpp"
#include "engine/collection_embedder.hpp"
#include "engine/collection_state.hpp"
#include "engine/document_parser.hpp"
#include "engine/fair_shared_mutex.hpp"
#include "engine/journal.hpp"
#include "engine/reranker_set.hpp"
#include "engine/shard_source.hpp"
#include "engine/sharded_search.hpp"

namespace braid::engine {

// A collection held in memory, optionally journaling every write before applying it.
//
// Locking:
// - `state_mutex_` guards the state: searches and reads take it shared, writers take it exclusive
//   only to apply (never while journaling); a waiting writer goes before later readers.
// - Writes of one document hold `write_gate_` shared and the lock of their id's stripe from
//   journaling through applying: writes of one id reach the journal and the state in the same
//   order, while writes of different ids (which commute) journal concurrently and share fsyncs
//   (the log's group commit).
// - Bulk batches, drops and snapshots hold `write_gate_` exclusive: no write is in flight.
//   Snapshots read under a shared state lock, so searches continue.
// - A dense index rebuild takes neither: it copies the live vectors under a brief exclusive state
//   lock, builds the new index aside on one thread while writes go on (recorded by a
//   dense::RecordingVectorIndex standing for the old index) and searches use the old index, then
//   makes the recorded writes to the new one and swaps it in under the exclusive lock.
// - Ordinal compaction (CollectionState::compact_ordinals) runs inside a write, under the
//   exclusive state lock while the write holds `write_gate_` (shared or exclusive): searches and
//   other writers' apply steps wait, and no snapshot, which reads ordinals under `write_gate_`
//   exclusive, can be in progress; a dense rebuild records the renumbering like any other write.
//   Writers still journaling hold no ordinal (they take one when they apply), and a delete looks
//   its document up again by id when it applies.
class LocalCollection final : public Collection, public ShardSource {
public:
    LocalCollection(config::CollectionConfig schema, const analyzers::AnalyzerRegistry& registry);
    ~LocalCollection() override;  // waits for a running rebuild
    LocalCollection(const LocalCollection&) = delete;
    LocalCollection& operator=(const LocalCollection&) = delete;

    const config::CollectionConfig& schema() const override { return schema_; }
    CollectionStats stats() const override;

    UpsertOutcome upsert(const std::string& id, boost::json::object document) override;
    UpsertOutcome upsert_text(const std::string& id, std::string_view json_text) override;
    std::optional<std::string> get_text(const std::string& id) const override;
    bool remove(const std::string& id) override;
    DocumentPage list_documents(const std::optional<std::string>& after, std::size_t limit) const override;
    BulkResult bulk(std::string_view ndjson) override;
    SearchResponse search(const SearchRequest& request) const override;

    // This collection as one shard of a sharded search (engine/sharded_search.hpp): `request`
    // names its mode and carries its vector; `global` is the statistics summed over the shards.
    // local_collection_shards.cpp.
    lexical::CorpusStatistics shard_statistics(const SearchRequest& request) const override;
    ShardSides shard_sides(const SearchRequest& request, const lexical::CorpusStatistics& global) const override;
    std::vector<std::optional<FetchedHit>> shard_fetch(const SearchRequest& request, const lexical::CorpusStatistics& global,
                                                       const std::vector<std::string>& ids) const override;
    // The coordinator's side: `request` resolved on this node (mode, embedded query) and planned;
    // what the coordinator does itself after the merge (collapse, highlight) is taken out of it,
    // and the whole documents are fetched when it does. local_collection_shards.cpp.
    ResolvedShardSearch resolve_shard_search(const SearchRequest& request) const;
    SearchPlan plan_shard_search(const SearchRequest& resolved) const;
    // The merged page's hits finished as `request` asks: highlights, then include / exclude.
    void finish_fanned_out_hits(const SearchRequest& request, std::vector<Hit>& hits) const;

    // Recovery only, before the collection is shared: applies a logged write without locking or
    // journaling (the log's replay holds its own lock while it calls back).
    void replay_upsert(const std::string& id, std::string_view json_text);
    // A journaled bulk batch, analyzed on every core and applied as one batch (vectors added in parallel).
    void replay_batch(const std::vector<std::pair<std::string, std::string_view>>& documents);
    // replay_batch in two steps, so that the next batch is analyzed while one is applied:
    // analyze_logged() is const and may run on another thread than apply_replayed().
    std::vector<ParsedDocument> analyze_logged(const std::vector<std::pair<std::string, std::string_view>>& documents) const;
    void apply_replayed(const std::vector<ParsedDocument>& batch);
    void replay_remove(const std::string& id);
    // Ends recovery: waits for the vectors replay queued (they are indexed on a background thread
    // while later records are parsed). Throws when indexing them failed.
    void finish_replay();

    // The ordinal the next write will take (diagnostics: stays below 2 x documents + 1,024 thanks
    // to ordinal compaction, see CollectionState).
    DocOrdinal next_ordinal() const {
        std::shared_lock read(state_mutex_);
        return state_.store.next_ordinal();
    }

    // Waits for a dense index rebuild in progress, if any (tests, diagnostics).
    void wait_for_dense_rebuild();
    // Runs on the rebuild's thread once the new dense index is built, before it catches up with
    // the writes made meanwhile (tests hold a rebuild there). Set before sharing the collection.
    void set_rebuild_hook(std::function<void()> hook) { rebuild_hook_ = std::move(hook); }

    // Later writes are recorded there first (null: not recorded). Set before sharing the collection.
    void set_journal(Journal* journal) { journal_ = journal; }
    // The rerankers searches may name. Set before sharing the collection.
    void set_rerankers(std::shared_ptr<const RerankerSet> rerankers) { rerankers_ = std::move(rerankers); }
    // Told of every embedding-service call (metrics). Set before sharing the collection.
    void set_inference_observer(std::shared_ptr<const inference::CallObserver> observer) {
        if (embedder_) embedder_->observe(std::move(observer));
    }
    // The collection's embedder (vector.embedder; null when none): a replicated collection embeds
    // on the node that takes the write, so that its followers apply the vector as it came.
    const CollectionEmbedder* embedder() const { return embedder_.get(); }
    // Builds the embedder of vector.embedder now, so a configuration that cannot work fails at
    // creation (recovered collections build theirs on first use: replay never embeds).
    void prepare_embedder() const {
        if (embedder_) embedder_->prepare();
    }
    // Makes later writes fail with not_found; `then` runs while writers are held off (the catalog
    // journals the drop there, so no write of this collection can follow it in the log).
    template <typename Fn>
    void mark_dropped(Fn&& then) {
        std::lock_guard gate(write_gate_);
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
    UpsertOutcome upsert_document(const std::string& id, boost::json::object document, std::optional<std::string> text);
    void apply_batch(const std::vector<ParsedDocument>& batch);
    // bulk() without an embedder: lines analyzed on every core, applied in line order.
    BulkResult bulk_analyzed_in_parallel(std::string_view ndjson);
    std::mutex& id_lock(const std::string& id) const;
    bool wants_rebuild() const;  // call holding state_mutex_
    void queue_replayed_vectors();
    void start_rebuild();
    void rebuild_dense();

    const config::CollectionConfig schema_;
    const DocumentParser parser_;
    const std::unique_ptr<CollectionEmbedder> embedder_;  // null: no vector.embedder
    std::shared_ptr<const RerankerSet> rerankers_;
    Journal* journal_ = nullptr;
    bool dropped_ = false;  // written under write_gate_ exclusive

    mutable FairSharedMutex write_gate_;
    mutable std::array<std::mutex, 64> id_locks_;
    mutable FairSharedMutex state_mutex_;
    CollectionState state_;
    dense::QueuedVectorIndex* replay_vectors_ = nullptr;  // state_.dense while recovery replays the log

    std::mutex rebuild_mutex_;  // guards rebuild_thread_
    std::atomic<bool> rebuilding_{false};
    std::thread rebuild_thread_;
    std::function<void()> rebuild_hook_;
};

}  // namespace braid::engine
