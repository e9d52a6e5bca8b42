// ReplicatedCollection's follower: reads the collection's stream in order and applies the records
// of the shards this node holds. A run of bulk records already received (a bulk body is published
// in records of up to 100 lines) is applied as one local bulk: analyzed on every core, indexed as one batch.
#include <algorithm>
#include <iostream>

#include "cluster/replicated_collection.hpp"
#include "cluster/replication_record.hpp"
#include "core/error.hpp"

namespace braid::cluster {
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kRunRecords = 1000;      // bulk records applied as one local bulk
constexpr std::size_t kRunBytes = 4u << 20;
constexpr std::uint64_t kForgetOutcomesAfter = 100000;  // outcomes no writer came for

bool is_bulk(const LogRecord& record) { return !record.payload.empty() && record.payload.front() == 'B'; }

std::size_t line_count(std::string_view text) {
    const auto breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    return breaks + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

}  // namespace

void ReplicatedCollection::follow() {
    std::unique_ptr<LogCursor> cursor;
    while (!stopping_) {
        try {
            if (!cursor) cursor = log_->follow(applied_.load() + 1);
            auto first = cursor->next(200ms);
            if (!first) continue;
            std::vector<LogRecord> run;
            std::size_t bytes = first->payload.size();
            run.push_back(std::move(*first));
            // What already arrived after a bulk record joins its run, without waiting for more.
            while (is_bulk(run.back()) && run.size() < kRunRecords && bytes < kRunBytes) {
                std::optional<LogRecord> more;
                try {
                    more = cursor->next(0ms);
                } catch (const Error&) {
                    break;  // reported by the next read
                }
                if (!more) break;
                bytes += more->payload.size();
                run.push_back(std::move(*more));
            }
            apply_run(run);
        } catch (const Error& e) {
            if (stopping_) break;
            std::cerr << "braid: following " << log_->stream() << " from " << applied_.load() + 1 << ": " << e.what()
                      << (e.type() == "log_trimmed" ? " (restart this node: it starts from a peer's snapshot)" : "") << "\n";
            cursor.reset();
            std::this_thread::sleep_for(500ms);  // the stream may be electing a leader
        }
    }
}

void ReplicatedCollection::apply_run(std::vector<LogRecord>& run) {
    std::lock_guard follow_lock(follow_mutex_);
    // Redeliveries after a reconnect are dropped; what is left is in stream order.
    std::erase_if(run, [&](const LogRecord& record) { return record.sequence <= applied_.load(); });
    std::vector<Applied> outcomes;
    outcomes.reserve(run.size());
    for (std::size_t begin = 0; begin < run.size();) {
        if (!is_bulk(run[begin])) {
            outcomes.push_back(holds(run[begin].shard) ? apply(run[begin]) : Applied{});
            ++begin;
            continue;
        }
        std::vector<const LogRecord*> bulks;
        std::size_t end = begin;
        for (; end < run.size() && is_bulk(run[end]); ++end) bulks.push_back(&run[end]);
        for (auto& applied : apply_bulk_records(bulks)) outcomes.push_back(std::move(applied));
        begin = end;
    }
    {
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < run.size(); ++i) {
            const bool mine = run[i].msg_id.rfind(boot_id_ + ".", 0) == 0;
            // A bulk writer reads only what went wrong; a single write reads created or replaced.
            const bool wanted = mine && (!is_bulk(run[i]) || !outcomes[i].ok || !outcomes[i].line_errors.empty());
            if (wanted) outcomes_[run[i].sequence] = std::move(outcomes[i]);
        }
        if (!run.empty()) {
            while (outcomes_.size() > 1000 && outcomes_.begin()->first + kForgetOutcomesAfter < run.back().sequence)
                outcomes_.erase(outcomes_.begin());
            applied_ = run.back().sequence;
        }
    }
    applied_cv_.notify_all();
    since_snapshot_ += run.size();
    if (options_.snapshot_every_records > 0 && since_snapshot_ >= options_.snapshot_every_records) (void)snapshot_locked();
}

std::vector<ReplicatedCollection::Applied> ReplicatedCollection::apply_bulk_records(
    const std::vector<const LogRecord*>& records) {
    std::vector<Applied> outcomes(records.size());
    std::string body;               // the NDJSON of every held record, in order
    std::vector<std::size_t> first_line;  // where each of `taken` starts in body (1-based)
    std::vector<std::size_t> taken;       // indexes into records
    std::size_t lines = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!holds(records[i]->shard)) continue;
        try {
            const ReplicationRecord decoded = decode_record(records[i]->payload);
            first_line.push_back(lines + 1);
            taken.push_back(i);
            body += decoded.body;
            if (!decoded.body.empty() && decoded.body.back() != '\n') body += '\n';
            lines += line_count(decoded.body);
        } catch (const Error& e) {
            outcomes[i].ok = false;
            outcomes[i].error = e.what();
        }
    }
    if (taken.empty()) return outcomes;
    try {
        const auto result = local_->bulk(body);
        for (auto error : result.errors) {
            // Every node refuses the same line the same way: it is skipped everywhere.
            const auto k = static_cast<std::size_t>(std::upper_bound(first_line.begin(), first_line.end(), error.line) -
                                                    first_line.begin()) - 1;
            error.line -= first_line[k] - 1;
            outcomes[taken[k]].line_errors.push_back(std::move(error));
        }
    } catch (const Error& e) {
        for (const auto i : taken) {
            outcomes[i].ok = false;
            outcomes[i].error = e.what();
        }
    }
    return outcomes;
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
            case RecordKind::bulk:  // apply_bulk_records
                break;
        }
    } catch (const Error& e) {
        // Every node refuses the same record the same way: it is skipped everywhere.
        applied.ok = false;
        applied.error = e.what();
    }
    return applied;
}

}  // namespace braid::cluster
