#include "cluster/replicated_collection.hpp"

#include <algorithm>
#include <charconv>
#include <random>


#include "cluster/replication_record.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/document_embedding.hpp"
#include "engine/wal_records.hpp"
#include "engine/write_sequence.hpp"

namespace braid::cluster {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

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
      embedder_(local_->embedder()),
      options_(std::move(options)),
      router_(local_->schema().shards),
      boot_id_(options_.node + "." + random_boot_id()),
      applied_(applied) {
    if (const auto stored = newest_snapshot(options_.snapshot_dir)) snapshot_sequence_ = stored->sequence;
    follower_ = std::thread([this] { follow(); });
}

ReplicatedCollection::~ReplicatedCollection() { stop(); }

void ReplicatedCollection::stop() {
    stopping_ = true;
    if (follower_.joinable() && follower_.get_id() != std::this_thread::get_id()) follower_.join();
    applied_cv_.notify_all();
}

std::string ReplicatedCollection::next_msg_id() { return boot_id_ + "." + std::to_string(++msg_counter_); }

void ReplicatedCollection::ensure_open() const {
    if (stopping_)
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + schema().name + "\" was dropped");
}

std::uint64_t ReplicatedCollection::publish(std::uint32_t shard, const std::string& payload) {
    ensure_open();
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

void ReplicatedCollection::wait_progressing(std::uint64_t sequence) const {
    std::unique_lock lock(mutex_);
    while (applied_.load() < sequence) {
        const std::uint64_t seen = applied_.load();
        if (!applied_cv_.wait_for(lock, options_.apply_wait, [&] { return applied_.load() != seen || stopping_.load(); }) ||
            (stopping_ && applied_.load() < sequence))
            not_applied(schema().name, sequence, options_.apply_wait);
    }
}

std::map<std::uint64_t, ReplicatedCollection::Applied> ReplicatedCollection::take_outcomes(
    const std::vector<std::uint64_t>& sequences) {
    std::map<std::uint64_t, Applied> taken;
    std::lock_guard lock(mutex_);
    for (const auto sequence : sequences) {
        if (const auto it = outcomes_.find(sequence); it != outcomes_.end()) {
            taken.emplace(sequence, std::move(it->second));
            outcomes_.erase(it);
        }
    }
    return taken;
}

ReplicatedCollection::Applied ReplicatedCollection::wait_for(std::uint64_t sequence, std::uint32_t shard) {
    engine::note_write_sequence(sequence);
    if (!holds(shard)) return {};  // acknowledged by the quorum; applied where the shard is held
    wait_progressing(sequence);
    auto taken = take_outcomes({sequence});
    Applied applied = taken.empty() ? Applied{} : std::move(taken.begin()->second);
    if (!applied.ok) throw Error(ErrorKind::invalid_argument, "invalid_document", applied.error);
    return applied;
}

engine::UpsertOutcome ReplicatedCollection::upsert(const std::string& id, boost::json::object document) {
    return upsert_text(id, braid::json_text(document));
}

engine::UpsertOutcome ReplicatedCollection::upsert_text(const std::string& id, std::string_view json_text) {
    // Checked here, so that a document every follower would refuse is a 400 and never published.
    boost::json::object document = engine::parse_document_text(json_text);
    (void)parser_.parse(id, document, {.text = engine::DocumentParser::TextAnalysis::skip, .original = std::nullopt});
    const std::uint32_t shard = router_.shard_of(id);
    std::optional<std::string> line;
    if (engine::is_single_line(json_text)) line = std::string(json_text);
    // The vector is computed here, once, and travels in the record: followers do not embed it again.
    if (embedder_) engine::embed_if_missing(*embedder_, document, line);
    const std::string text = line ? std::move(*line) : braid::json_text(document);
    const auto sequence = publish(shard, encode_record({RecordKind::upsert, id, text}));
    return wait_for(sequence, shard).existed ? engine::UpsertOutcome::replaced : engine::UpsertOutcome::created;
}

bool ReplicatedCollection::remove(const std::string& id) {
    const std::uint32_t shard = router_.shard_of(id);
    if (holds(shard) && !local_->get_text(id)) return false;
    const auto sequence = publish(shard, encode_record({RecordKind::remove, id, {}}));
    const bool existed = wait_for(sequence, shard).existed;  // notes the sequence for the answer
    return !holds(shard) || existed;
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

std::uint64_t ReplicatedCollection::snapshot() {
    std::lock_guard follow_lock(follow_mutex_);
    return snapshot_locked();
}

std::uint64_t ReplicatedCollection::snapshot_locked() {
    since_snapshot_ = 0;
    const std::uint64_t sequence = applied_.load();
    if (options_.snapshot_dir.empty()) return sequence;
    const fs::path final_dir = options_.snapshot_dir / ("seq-" + std::to_string(sequence));
    if (fs::exists(final_dir)) {
        snapshot_sequence_ = sequence;
        return sequence;
    }
    const fs::path temporary = options_.snapshot_dir / ("tmp-" + std::to_string(sequence));
    fs::remove_all(temporary);
    fs::create_directories(temporary);
    local_->write_snapshot(temporary);
    fs::rename(temporary, final_dir);
    snapshot_sequence_ = sequence;
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
