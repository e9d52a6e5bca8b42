#include "engine/local_collection.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <iostream>
#include <span>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "dense/queued_vector_index.hpp"
#include "dense/recording_vector_index.hpp"
#include "engine/bulk_analysis.hpp"
#include "engine/document_embedding.hpp"
#include "engine/ndjson_lines.hpp"
#include "engine/search_pipeline.hpp"
#include "engine/search_plan.hpp"
#include "engine/searcher.hpp"
#include "engine/wal_records.hpp"

namespace braid::engine {

namespace {

// Bulk documents are journaled and applied in batches of this many (or this many bytes).
constexpr std::size_t kBatchDocuments = 1000;
constexpr std::size_t kBatchBytes = 8u << 20;
constexpr std::size_t kApplySlice = 64;  // documents applied per exclusive hold of the state

// A document's JSON text is stored as it came when it is one line (it then needs no re-serializing).
std::optional<std::string_view> one_line(std::string_view text) {
    return is_single_line(text) ? std::optional(text) : std::nullopt;
}

}  // namespace

LocalCollection::LocalCollection(config::CollectionConfig schema, const analyzers::AnalyzerRegistry& registry)
    : schema_(std::move(schema)),
      parser_(schema_, registry),
      embedder_(schema_.vector && schema_.vector->embedder ? std::make_unique<CollectionEmbedder>(schema_) : nullptr),
      state_(schema_, parser_) {}

LocalCollection::~LocalCollection() {
    if (rebuild_thread_.joinable()) rebuild_thread_.join();
}

void LocalCollection::ensure_open() const {
    if (dropped_)
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + schema_.name + "\" was dropped");
}

CollectionStats LocalCollection::stats() const {
    std::shared_lock read(state_mutex_);
    const auto lexical = state_.lexical ? state_.lexical->stats() : lexical::LexicalStats{};
    CollectionStats stats;
    stats.documents = state_.store.size();
    stats.terms = lexical.terms;
    stats.postings = lexical.postings;
    stats.vectors = state_.dense ? state_.dense->size() : 0;
    stats.memory_bytes = state_.store.memory_bytes() + state_.filters.memory_bytes() + lexical.memory_bytes +
                         (state_.dense ? state_.dense->memory_bytes() : 0);
    return stats;
}

UpsertOutcome LocalCollection::upsert(const std::string& id, boost::json::object document) {
    if (!embedder_) return upsert_parsed(parser_.parse(id, document));
    return upsert_document(id, std::move(document), std::nullopt);
}

UpsertOutcome LocalCollection::upsert_text(const std::string& id, std::string_view json_text) {
    boost::json::object document = parse_document_text(json_text);
    if (!embedder_) return upsert_parsed(parser_.parse(id, document, {.original = one_line(json_text)}));
    const auto line = one_line(json_text);
    return upsert_document(id, std::move(document), line ? std::optional<std::string>(*line) : std::nullopt);
}

UpsertOutcome LocalCollection::upsert_document(const std::string& id, boost::json::object document,
                                               std::optional<std::string> text) {
    // The document is checked before the embedder is called, and again with its vector. (The
    // stored text is not wanted here: "{}" stands for it, as "" cannot take the id member a
    // document without its id field gets.)
    (void)parser_.parse(id, document, {.text = DocumentParser::TextAnalysis::skip, .original = std::string_view("{}")});
    embed_if_missing(*embedder_, document, text);
    const std::optional<std::string_view> original = text ? std::optional<std::string_view>(*text) : std::nullopt;
    return upsert_parsed(parser_.parse(id, document, {.original = original}));
}

void LocalCollection::queue_replayed_vectors() {
    if (replay_vectors_ != nullptr || !state_.dense) return;
    auto queued = std::make_unique<dense::QueuedVectorIndex>(std::move(state_.dense));
    replay_vectors_ = queued.get();
    state_.dense = std::move(queued);
}

void LocalCollection::finish_replay() {
    if (replay_vectors_ == nullptr) return;
    std::unique_ptr<dense::VectorIndex> index = replay_vectors_->finish();
    replay_vectors_ = nullptr;
    state_.dense = std::move(index);
}

void LocalCollection::replay_upsert(const std::string& id, std::string_view json_text) {
    queue_replayed_vectors();
    const boost::json::object document = parse_document_text(json_text);
    state_.upsert(parser_.parse(id, document, {.original = one_line(json_text)}));
}

void LocalCollection::replay_batch(const std::vector<std::pair<std::string, std::string_view>>& documents) {
    apply_replayed(analyze_logged(documents));
}

std::vector<ParsedDocument> LocalCollection::analyze_logged(
    const std::vector<std::pair<std::string, std::string_view>>& documents) const {
    return analyze_logged_documents(parser_, documents);
}

void LocalCollection::apply_replayed(const std::vector<ParsedDocument>& batch) {
    queue_replayed_vectors();
    state_.upsert_batch(batch);
}

void LocalCollection::replay_remove(const std::string& id) {
    queue_replayed_vectors();
    state_.remove(id);
}

std::mutex& LocalCollection::id_lock(const std::string& id) const {
    return id_locks_[std::hash<std::string>{}(id) % id_locks_.size()];
}

UpsertOutcome LocalCollection::upsert_parsed(const ParsedDocument& parsed) {
    std::shared_lock gate(write_gate_);
    std::lock_guard same_id(id_lock(parsed.id));
    ensure_open();
    if (journal_) journal_->append(upsert_record(schema_.name, parsed.id, parsed.json));
    bool replaced = false, rebuild = false;
    {
        std::unique_lock exclusive(state_mutex_);
        replaced = state_.upsert(parsed);
        rebuild = wants_rebuild();
    }
    if (rebuild) start_rebuild();
    return replaced ? UpsertOutcome::replaced : UpsertOutcome::created;
}

std::optional<std::string> LocalCollection::get_text(const std::string& id) const {
    std::shared_lock read(state_mutex_);
    const DocOrdinal ordinal = state_.store.find(id);
    if (ordinal == kNoDoc) return std::nullopt;
    return document_text(DocumentSource{state_.store, state_.dense.get(), state_.vector_field}, ordinal,
                         DocumentShape{.include_vector = true, .fields = {}});
}

DocumentPage LocalCollection::list_documents(const std::optional<std::string>& after, std::size_t limit) const {
    std::shared_lock read(state_mutex_);
    std::optional<std::string_view> from;
    if (after) from = *after;
    // One more than asked tells whether a next page exists.
    const auto ordinals = state_.store.ordinals_after(from, limit == 0 ? 0 : limit + 1);
    DocumentPage page;
    page.more = ordinals.size() > limit;
    for (std::size_t i = 0; i < std::min(limit, ordinals.size()); ++i)
        page.documents.emplace_back(state_.store.id(ordinals[i]),
                                    document_text(DocumentSource{state_.store, state_.dense.get(), state_.vector_field},
                                                  ordinals[i], DocumentShape{.include_vector = true, .fields = {}}));
    return page;
}

bool LocalCollection::remove(const std::string& id) {
    std::shared_lock gate(write_gate_);
    std::lock_guard same_id(id_lock(id));
    ensure_open();
    {
        std::shared_lock read(state_mutex_);
        if (state_.store.find(id) == kNoDoc) return false;  // and stays so: writes of `id` wait for us
    }
    if (journal_) journal_->append(delete_record(schema_.name, id));
    bool rebuild = false;
    {
        std::unique_lock exclusive(state_mutex_);
        state_.remove(id);
        rebuild = wants_rebuild();
    }
    if (rebuild) start_rebuild();
    return true;
}

void LocalCollection::apply_batch(const std::vector<ParsedDocument>& batch) {
    if (batch.empty()) return;
    std::lock_guard gate(write_gate_);
    ensure_open();
    if (journal_) {
        std::vector<std::pair<std::string_view, std::string_view>> docs;
        docs.reserve(batch.size());
        for (const auto& d : batch) docs.emplace_back(d.id, d.json);
        journal_->append(bulk_record(schema_.name, docs));
    }
    // Applied in slices, each under its own exclusive hold, so that searches run between slices
    // instead of waiting for a whole batch of HNSW insertions (seconds for 1,000 vectors on a busy
    // machine). No other write runs meanwhile: the write gate is held for the whole batch.
    bool rebuild = false;
    for (std::size_t begin = 0; begin < batch.size(); begin += kApplySlice) {
        const std::span<const ParsedDocument> slice(batch.data() + begin, std::min(kApplySlice, batch.size() - begin));
        std::unique_lock exclusive(state_mutex_);
        state_.upsert_batch(slice);
        rebuild = rebuild || wants_rebuild();
    }
    if (rebuild) start_rebuild();
}

BulkResult LocalCollection::bulk(std::string_view ndjson) {
    if (!embedder_) return bulk_analyzed_in_parallel(ndjson);
    BulkResult result;
    std::vector<PendingDocument> pending;  // with an embedder: lines waiting for their vectors
    std::vector<ParsedDocument> batch;
    std::size_t batch_bytes = 0;
    const auto parse_into_batch = [&](std::size_t line, const std::string& id, const boost::json::object& document,
                                      std::optional<std::string_view> original) {
        try {
            batch.push_back(parser_.parse(id, document, {.original = original}));
            ++result.indexed;
        } catch (const Error& e) {
            ++result.failed;
            result.errors.push_back(BulkError{line, id, e.type(), e.what(), e.path()});
        }
    };
    // With an embedder, a batch is journaled and applied in the background while the next one
    // is read and embedded (the embedder mostly waits on the network); batches still apply in order.
    std::future<void> applying;
    // Embeds what lacks a vector, then journals and applies the batch; later duplicates of an id
    // replace earlier ones: the last line wins.
    const auto flush = [&] {
        if (!embedder_) {
            apply_batch(batch);
        } else {
            for (auto& error : embed_missing(*embedder_, pending)) {
                ++result.failed;
                result.errors.push_back(std::move(error));
            }
            for (const auto& p : pending) {
                parse_into_batch(p.line, p.id, p.document,
                                 p.text ? std::optional<std::string_view>(*p.text) : std::nullopt);
            }
            pending.clear();
            if (applying.valid()) applying.get();  // the previous batch's failure ends the request here
            applying = std::async(std::launch::async, [this, ready = std::move(batch)] { apply_batch(ready); });
        }
        batch.clear();
        batch_bytes = 0;
    };
    for (const auto& line : split_ndjson(ndjson)) {
        std::optional<std::string> id;
        try {
            boost::json::object document = parse_document_text(line.text);
            id = parser_.id_of(document);
            if (!id)
                throw Error(ErrorKind::invalid_argument, "invalid_document",
                            "the document has no id field \"" + schema_.id_field + "\"", schema_.id_field);
            if (embedder_) {
                // A line the schema refuses is reported before anything is embedded.
                (void)parser_.parse(*id, document, {.text = DocumentParser::TextAnalysis::skip, .original = std::string_view()});
                const auto kept = one_line(line.text);
                pending.push_back(PendingDocument{line.number, *id, std::move(document),
                                                  kept ? std::optional<std::string>(*kept) : std::nullopt});
            } else {
                parse_into_batch(line.number, *id, document, one_line(line.text));
            }
            batch_bytes += line.text.size();
        } catch (const Error& e) {
            ++result.failed;
            result.errors.push_back(BulkError{line.number, id, e.type(), e.what(), e.path()});
        }
        if ((embedder_ ? pending.size() : batch.size()) >= kBatchDocuments || batch_bytes >= kBatchBytes) flush();
    }
    flush();
    if (applying.valid()) applying.get();
    // Embedding failures are found after the lines read meanwhile: the answer lists errors by line.
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const BulkError& a, const BulkError& b) { return a.line < b.line; });
    return result;
}

BulkResult LocalCollection::bulk_analyzed_in_parallel(std::string_view ndjson) {
    BulkResult result;
    const std::vector<NdjsonLine> lines = split_ndjson(ndjson);
    std::vector<ParsedDocument> batch;
    std::size_t batch_bytes = 0;
    // Lines are analyzed a batch's worth at a time on every core, then taken in line order into
    // batches journaled and applied as before: the same batches, errors and order.
    for (std::size_t begin = 0; begin < lines.size();) {
        std::size_t end = begin, chunk_bytes = 0;
        while (end < lines.size() && end - begin < kBatchDocuments && chunk_bytes < kBatchBytes)
            chunk_bytes += lines[end++].text.size();
        std::vector<AnalyzedLine> analyzed =
            analyze_bulk_lines(parser_, schema_.id_field, std::span(lines).subspan(begin, end - begin));
        for (std::size_t i = 0; i < analyzed.size(); ++i) {
            if (!analyzed[i].document) {
                ++result.failed;
                result.errors.push_back(std::move(*analyzed[i].error));
                continue;
            }
            batch.push_back(std::move(*analyzed[i].document));
            ++result.indexed;
            batch_bytes += lines[begin + i].text.size();
            if (batch.size() >= kBatchDocuments || batch_bytes >= kBatchBytes) {
                apply_batch(batch);
                batch.clear();
                batch_bytes = 0;
            }
        }
        begin = end;
    }
    apply_batch(batch);
    return result;
}

SearchResponse LocalCollection::search(const SearchRequest& request) const {
    const auto start = std::chrono::steady_clock::now();
    const SearchContext context{schema_, parser_, embedder_.get(), rerankers_.get(),
                                [this](const SearchPlan& plan, const std::vector<FilterClause>& filter) {
                                    std::shared_lock read(state_mutex_);
                                    return execute_search(CollectionView{state_.store, state_.filters, state_.lexical.get(),
                                                                         state_.dense.get(), state_.vector_field},
                                                          plan, filter);
                                }};
    SearchResponse response = run_search(context, request);
    response.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
}

bool LocalCollection::wants_rebuild() const {
    return state_.dense && !rebuilding_ && state_.dense->needs_rebuild();
}

void LocalCollection::start_rebuild() {
    std::lock_guard lock(rebuild_mutex_);
    if (rebuilding_.exchange(true)) return;
    // rebuilding_ was false: a previous thread, if any, has finished its work.
    if (rebuild_thread_.joinable()) rebuild_thread_.join();
    rebuild_thread_ = std::thread([this] { rebuild_dense(); });
}

void LocalCollection::wait_for_dense_rebuild() {
    std::lock_guard lock(rebuild_mutex_);
    if (rebuild_thread_.joinable()) rebuild_thread_.join();
}

// Built aside: the live vectors are copied and writes start being recorded under one brief
// exclusive hold; the new index is built from the copy on this one thread while writes go on
// (to the old index, which searches keep using) and searches use the other cores; the recorded
// writes are then made to the new index in rounds outside the lock, the last few under the
// exclusive hold that swaps it in.
void LocalCollection::rebuild_dense() {
    constexpr int kCatchUpRounds = 8;  // rounds outside the lock before the final one under it
    dense::RecordingVectorIndex* recorder = nullptr;
    try {
        std::unique_ptr<dense::PendingRebuild> pending;
        {
            std::unique_lock exclusive(state_mutex_);
            pending = state_.dense->begin_rebuild();
            auto recording = std::make_unique<dense::RecordingVectorIndex>(std::move(state_.dense));
            recorder = recording.get();
            state_.dense = std::move(recording);
        }
        std::unique_ptr<dense::VectorIndex> fresh = pending->build(1);
        pending.reset();
        if (rebuild_hook_) rebuild_hook_();
        for (int round = 0; round < kCatchUpRounds; ++round) {
            const auto writes = recorder->take();
            if (writes.empty()) break;
            for (const auto& write : writes) dense::replay_write(write, *fresh);
        }
        std::unique_lock exclusive(state_mutex_);
        for (const auto& write : recorder->take()) dense::replay_write(write, *fresh);
        state_.dense = std::move(fresh);
    } catch (const std::exception& e) {
        std::cerr << "braid: rebuilding the vector index of collection \"" << schema_.name
                  << "\" failed: " << e.what() << "\n";
        if (recorder != nullptr) {
            std::unique_lock exclusive(state_mutex_);
            state_.dense = recorder->release();
        }
    }
    rebuilding_ = false;
}

}  // namespace braid::engine
