#include "cluster/replicated_collection.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <random>


#include "cluster/replication_record.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/ndjson_lines.hpp"
#include "engine/wal_records.hpp"
#include "engine/write_sequence.hpp"

namespace braid::cluster {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kBatchDocuments = 1000;  // documents per bulk record
constexpr std::size_t kBatchBytes = 4u << 20;  // under JetStream's default 8 MiB message limit
constexpr std::uint64_t kForgetOutcomesAfter = 100000;  // outcomes no writer came for

std::string random_boot_id() {
    std::random_device device;
    const std::uint64_t value = (static_cast<std::uint64_t>(device()) << 32) | device();
    constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (int shift = 60; shift >= 0; shift -= 4) text += kHex[(value >> shift) & 0xf];
    return text;
}

[[noreturn]] void not_applied(const std::string& collection, std::uint64_t sequence, std::chrono::milliseconds wait) {
    throw Error(ErrorKind::unavailable, "sequence_not_applied",
                "collection \"" + collection + "\": this node has not applied sequence " + std::to_string(sequence) +
                    " within " + std::to_string(wait.count()) + " ms; retry, or ask another node");
}

}  // namespace

ReplicatedCollection::ReplicatedCollection(std::shared_ptr<engine::LocalCollection> local,
                                           std::unique_ptr<JetStreamLog> log,
                                           const analyzers::AnalyzerRegistry& registry, ReplicaOptions options,
                                           std::uint64_t applied)
    : local_(std::move(local)),
      log_(std::move(log)),
      parser_(local_->schema(), registry),
      options_(std::move(options)),
      router_(local_->schema().shards),
      boot_id_(options_.node + "." + random_boot_id()),
      applied_(applied) {
    follower_ = std::thread([this] { follow(); });
}

ReplicatedCollection::~ReplicatedCollection() { stop(); }

void ReplicatedCollection::stop() {
    stopping_ = true;
    if (follower_.joinable() && follower_.get_id() != std::this_thread::get_id()) follower_.join();
    applied_cv_.notify_all();
}

std::string ReplicatedCollection::next_msg_id() { return boot_id_ + "." + std::to_string(++msg_counter_); }

std::uint64_t ReplicatedCollection::publish(std::uint32_t shard, const std::string& payload) {
    if (stopping_)
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + schema().name + "\" was dropped");
    const std::string msg_id = next_msg_id();
    // A lost acknowledgement is retried with the same message id: the stream stores it once.
    for (int attempt = 1;; ++attempt) {
        try {
            return log_->append(shard, payload, msg_id).sequence;
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::unavailable || attempt == 3) throw;
        }
    }
}

bool ReplicatedCollection::wait_applied(std::uint64_t sequence, std::chrono::milliseconds wait) const {
    std::unique_lock lock(mutex_);
    return applied_cv_.wait_for(lock, wait, [&] { return applied_.load() >= sequence || stopping_.load(); }) &&
           applied_.load() >= sequence;
}

ReplicatedCollection::Applied ReplicatedCollection::wait_for(std::uint64_t sequence, std::uint32_t shard) {
    engine::note_write_sequence(sequence);
    if (!holds(shard)) return {};  // acknowledged by the quorum; applied where the shard is held
    std::unique_lock lock(mutex_);
    const bool done = applied_cv_.wait_for(lock, options_.apply_wait, [&] { return applied_.load() >= sequence; });
    if (!done) not_applied(schema().name, sequence, options_.apply_wait);
    Applied applied;
    if (const auto it = outcomes_.find(sequence); it != outcomes_.end()) {
        applied = std::move(it->second);
        outcomes_.erase(it);
    }
    if (!applied.ok) throw Error(ErrorKind::invalid_argument, "invalid_document", applied.error);
    return applied;
}

engine::UpsertOutcome ReplicatedCollection::upsert(const std::string& id, boost::json::object document) {
    return upsert_text(id, braid::json_text(document));
}

engine::UpsertOutcome ReplicatedCollection::upsert_text(const std::string& id, std::string_view json_text) {
    // Checked here, so that a document every follower would refuse is a 400 and never published.
    const boost::json::object document = engine::parse_document_text(json_text);
    (void)parser_.parse(id, document, {.text = engine::DocumentParser::TextAnalysis::skip, .original = std::nullopt});
    const std::uint32_t shard = router_.shard_of(id);
    const std::string text = engine::is_single_line(json_text) ? std::string(json_text) : braid::json_text(document);
    const auto sequence = publish(shard, encode_record({RecordKind::upsert, id, text}));
    return wait_for(sequence, shard).existed ? engine::UpsertOutcome::replaced : engine::UpsertOutcome::created;
}

bool ReplicatedCollection::remove(const std::string& id) {
    const std::uint32_t shard = router_.shard_of(id);
    if (holds(shard) && !local_->get_text(id)) return false;
    const auto sequence = publish(shard, encode_record({RecordKind::remove, id, {}}));
    return !holds(shard) || wait_for(sequence, shard).existed;
}

engine::BulkResult ReplicatedCollection::bulk(std::string_view ndjson) {
    engine::BulkResult result;
    std::vector<std::string> batches(router_.shards());  // NDJSON per shard
    std::vector<std::size_t> counts(router_.shards(), 0);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> published;  // sequence, shard
    const auto flush = [&](std::uint32_t shard) {
        if (counts[shard] == 0) return;
        published.emplace_back(publish(shard, encode_record({RecordKind::bulk, {}, std::move(batches[shard])})), shard);
        batches[shard].clear();
        counts[shard] = 0;
    };
    for (const auto& line : engine::split_ndjson(ndjson)) {
        std::optional<std::string> id;
        try {
            const boost::json::object document = engine::parse_document_text(line.text);
            id = parser_.id_of(document);
            if (!id)
                throw Error(ErrorKind::invalid_argument, "invalid_document",
                            "the document has no id field \"" + schema().id_field + "\"", schema().id_field);
            (void)parser_.parse(*id, document,
                                {.text = engine::DocumentParser::TextAnalysis::skip, .original = std::nullopt});
            const std::uint32_t shard = router_.shard_of(*id);
            batches[shard] += line.text;
            batches[shard] += '\n';
            ++result.indexed;
            if (++counts[shard] >= kBatchDocuments || batches[shard].size() >= kBatchBytes) flush(shard);
        } catch (const Error& e) {
            ++result.failed;
            result.errors.push_back(engine::BulkError{line.number, id, e.type(), e.what(), e.path()});
        }
    }
    for (std::uint32_t shard = 0; shard < router_.shards(); ++shard) flush(shard);
    for (const auto& [sequence, shard] : published) (void)wait_for(sequence, shard);
    return result;
}

engine::SearchResponse ReplicatedCollection::search(const engine::SearchRequest& request) const {
    if (request.min_sequence && !wait_applied(*request.min_sequence, options_.apply_wait))
        not_applied(schema().name, *request.min_sequence, options_.apply_wait);
    // The fan-out over holders (cluster/sharded_coordinator.hpp) is not wired into serve yet:
    // answering from the shards held here would silently leave documents out.
    for (std::uint32_t shard = 0; shard < router_.shards(); ++shard)
        if (!holds(shard))
            throw Error(ErrorKind::invalid_argument, "unsupported_on_shards",
                        "node " + options_.node + " does not hold shard " + std::to_string(shard) + " of collection " +
                            schema().name + ", and a search fanned out over the shards' holders is not wired into " +
                            "serve yet: search on a node that holds every shard (cluster.holds absent)",
                        "$url.name");
    return local_->search(request);
}

ReplicatedCollection::Applied ReplicatedCollection::apply(const LogRecord& record) {
    Applied applied;
    try {
        const ReplicationRecord decoded = decode_record(record.payload);
        switch (decoded.kind) {
            case RecordKind::upsert:
                applied.existed = local_->upsert_text(decoded.id, decoded.body) == engine::UpsertOutcome::replaced;
                break;
            case RecordKind::remove:
                applied.existed = local_->remove(decoded.id);
                break;
            case RecordKind::bulk: {
                const auto result = local_->bulk(decoded.body);
                if (result.failed > 0) {
                    applied.ok = false;
                    applied.error = result.errors.front().message;
                }
                break;
            }
        }
    } catch (const Error& e) {
        // Every node refuses the same record the same way: it is skipped everywhere.
        applied.ok = false;
        applied.error = e.what();
    }
    return applied;
}

void ReplicatedCollection::follow() {
    std::unique_ptr<LogCursor> cursor;
    while (!stopping_) {
        try {
            if (!cursor) cursor = log_->follow(applied_.load() + 1);
            auto record = cursor->next(200ms);
            if (!record) continue;
            if (record->sequence <= applied_.load()) continue;  // a redelivery after a reconnect
            std::lock_guard follow_lock(follow_mutex_);
            const bool mine = record->msg_id.rfind(boot_id_ + ".", 0) == 0;
            Applied applied;
            if (holds(record->shard)) applied = apply(*record);
            {
                std::lock_guard lock(mutex_);
                if (mine) outcomes_[record->sequence] = std::move(applied);
                if (outcomes_.size() > 1000 && outcomes_.begin()->first + kForgetOutcomesAfter < record->sequence)
                    outcomes_.erase(outcomes_.begin());
                applied_ = record->sequence;
            }
            applied_cv_.notify_all();
            if (options_.snapshot_every_records > 0 && ++since_snapshot_ >= options_.snapshot_every_records)
                (void)snapshot_locked();
        } catch (const Error& e) {
            if (stopping_) break;
            std::cerr << "braid: following " << log_->stream() << " from " << applied_.load() + 1 << ": " << e.what()
                      << "\n";
            cursor.reset();
            std::this_thread::sleep_for(500ms);  // the stream may be electing a leader
        }
    }
}

std::uint64_t ReplicatedCollection::snapshot() {
    std::lock_guard follow_lock(follow_mutex_);
    return snapshot_locked();
}

std::uint64_t ReplicatedCollection::snapshot_locked() {
    since_snapshot_ = 0;
    const std::uint64_t sequence = applied_.load();
    if (options_.snapshot_dir.empty()) return sequence;
    const fs::path final_dir = options_.snapshot_dir / ("seq-" + std::to_string(sequence));
    if (fs::exists(final_dir)) return sequence;
    const fs::path temporary = options_.snapshot_dir / ("tmp-" + std::to_string(sequence));
    fs::remove_all(temporary);
    fs::create_directories(temporary);
    local_->write_snapshot(temporary);
    fs::rename(temporary, final_dir);
    for (const auto& entry : fs::directory_iterator(options_.snapshot_dir)) {
        if (entry.path() != final_dir) fs::remove_all(entry.path());
    }
    return sequence;
}

std::optional<StoredSnapshot> newest_snapshot(const fs::path& dir) {
    std::optional<StoredSnapshot> newest;
    if (!fs::is_directory(dir)) return newest;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("seq-", 0) != 0) continue;
        std::uint64_t sequence = 0;
        const auto [end, ec] = std::from_chars(name.data() + 4, name.data() + name.size(), sequence);
        if (ec != std::errc{} || end != name.data() + name.size()) continue;
        if (!newest || sequence > newest->sequence) newest = StoredSnapshot{entry.path(), sequence};
    }
    return newest;
}

}  // namespace braid::cluster
