#include "engine/local_collection.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <span>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "engine/ndjson_lines.hpp"
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
    : schema_(std::move(schema)), parser_(schema_, registry), state_(schema_, parser_) {}

LocalCollection::~LocalCollection() {
    if (rebuild_thread_.joinable()) rebuild_thread_.join();
}

void LocalCollection::ensure_open() const {
    if (dropped_)
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + schema_.name + "\" was dropped");
}

CollectionStats LocalCollection::stats() const {
    std::shared_lock read(state_mutex_);
    const auto lexical = state_.lexical.stats();
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
    return upsert_parsed(parser_.parse(id, document));
}

UpsertOutcome LocalCollection::upsert_text(const std::string& id, std::string_view json_text) {
    const boost::json::object document = parse_document_text(json_text);
    return upsert_parsed(parser_.parse(id, document, {.original = one_line(json_text)}));
}

void LocalCollection::replay_upsert(const std::string& id, std::string_view json_text) {
    const boost::json::object document = parse_document_text(json_text);
    state_.upsert(parser_.parse(id, document, {.original = one_line(json_text)}));
}

void LocalCollection::replay_batch(const std::vector<std::pair<std::string, std::string_view>>& documents) {
    std::vector<ParsedDocument> batch;
    batch.reserve(documents.size());
    for (const auto& [id, text] : documents) {
        batch.push_back(parser_.parse(id, parse_document_text(text), {.original = one_line(text)}));
    }
    state_.upsert_batch(batch);
}

void LocalCollection::replay_remove(const std::string& id) { state_.remove(id); }

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

std::optional<boost::json::value> LocalCollection::get(const std::string& id) const {
    std::shared_lock read(state_mutex_);
    const DocOrdinal ordinal = state_.store.find(id);
    if (ordinal == kNoDoc) return std::nullopt;
    return boost::json::parse(state_.store.json(ordinal));
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
    BulkResult result;
    std::vector<ParsedDocument> batch;
    std::size_t batch_bytes = 0;
    for (const auto& line : split_ndjson(ndjson)) {
        std::optional<std::string> id;
        try {
            const boost::json::object document = parse_document_text(line.text);
            id = parser_.id_of(document);
            if (!id)
                throw Error(ErrorKind::invalid_argument, "invalid_document",
                            "the document has no id field \"" + schema_.id_field + "\"", schema_.id_field);
            batch.push_back(parser_.parse(*id, document, {.original = one_line(line.text)}));
            batch_bytes += batch.back().json.size();
            ++result.indexed;
        } catch (const Error& e) {
            ++result.failed;
            result.errors.push_back(BulkError{line.number, id, e.type(), e.what(), e.path()});
        }
        if (batch.size() >= kBatchDocuments || batch_bytes >= kBatchBytes) {
            apply_batch(batch);  // later duplicates of an id replace earlier ones: the last line wins
            batch.clear();
            batch_bytes = 0;
        }
    }
    apply_batch(batch);
    return result;
}

SearchResponse LocalCollection::search(const SearchRequest& request) const {
    const auto start = std::chrono::steady_clock::now();
    const SearchPlan plan = plan_search(schema_, parser_, request);
    const auto planned = std::chrono::steady_clock::now();
    SearchResponse response;
    {
        std::shared_lock read(state_mutex_);
        response = execute_search(CollectionView{state_.store, state_.filters, state_.lexical, state_.dense.get()},
                                  plan, request.filter);
    }
    response.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    response.stages.analyze_ms = std::chrono::duration<double, std::milli>(planned - start).count();
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

void LocalCollection::rebuild_dense() {
    {
        std::lock_guard gate(write_gate_);
        try {
            std::unique_ptr<dense::VectorIndex> fresh;
            {
                std::shared_lock read(state_mutex_);
                fresh = state_.dense->rebuilt();
            }
            std::unique_lock exclusive(state_mutex_);
            state_.dense = std::move(fresh);
        } catch (const std::exception& e) {
            std::cerr << "braid: rebuilding the vector index of collection \"" << schema_.name
                      << "\" failed: " << e.what() << "\n";
        }
    }
    rebuilding_ = false;
}

}  // namespace braid::engine
