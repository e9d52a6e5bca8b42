#pragma once
// The journal a collection's writes go through, as the cluster needs it: an ordered, durable log
// of opaque records that several nodes can follow. JetStreamLog implements it on a NATS JetStream
// stream; the local write-ahead log (storage::WriteAheadLog behind engine::Journal) fits the same
// shape: append = WriteAheadLog::append (msg_id unused: one writer, no retries across processes),
// follow = replay(from_sequence - 1, ...) then the records appended since, trim_through =
// drop_through.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace braid::cluster {

struct AppendResult {
    std::uint64_t sequence = 0;  // the record's position in the log (1-based, increasing)
    bool duplicate = false;      // msg_id was seen before: nothing stored, `sequence` is the first copy's
};

struct LogRecord {
    std::uint64_t sequence = 0;
    std::uint32_t shard = 0;
    std::string msg_id;   // as given to append ("" when none was)
    std::string payload;
};

// Records in log order from a starting sequence. Sequences increase but may have gaps (records
// trimmed, or belonging to another shard of the same stream).
class LogCursor {
public:
    virtual ~LogCursor() = default;
    // The next record, waiting at most `wait` for one to arrive; nullopt when none came in time.
    // A `wait` of 0 takes only a record already received, without waiting.
    // Throws braid::Error(unavailable) when the log cannot be read.
    virtual std::optional<LogRecord> next(std::chrono::milliseconds wait) = 0;
};

class ReplicatedLog {
public:
    virtual ~ReplicatedLog() = default;
    // Returns once the record is durable (for JetStream: stored by a quorum of the stream's
    // replicas). A msg_id already appended within the log's de-duplication window stores nothing
    // and answers the first copy's sequence with duplicate = true, so a writer may retry a record
    // whose acknowledgement it lost. Throws braid::Error(unavailable) when it cannot say the
    // record is durable (it may still have been stored: retry with the same msg_id), and
    // braid::Error(payload_too_large, "record_too_large") for a record over the log's size limit.
    virtual AppendResult append(std::string_view record, std::string_view msg_id) = 0;
    // Follows the log from `from_sequence` (inclusive; 0 or 1: from the start). Throws
    // braid::Error(not_found, "log_trimmed") when records at or after from_sequence were trimmed
    // away: the follower must start from a snapshot instead.
    virtual std::unique_ptr<LogCursor> follow(std::uint64_t from_sequence) = 0;
    // Drops the records with sequence <= `sequence` (a snapshot covers them).
    virtual void trim_through(std::uint64_t sequence) = 0;
};

}  // namespace braid::cluster
