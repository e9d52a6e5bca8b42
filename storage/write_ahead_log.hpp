#pragma once
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace braid::storage {

// What replay found. A torn or corrupt record at the tail is cut off (the file is truncated to
// the last good record) and described in `problem`, never thrown.
struct ReplayReport {
    std::uint64_t records = 0;         // records passed to fn (sequence > after)
    std::uint64_t last_sequence = 0;
    std::uint64_t truncated_bytes = 0; // bytes cut off or set aside
    std::string problem;  // empty when the log was clean; else which file, offset and why
};

// One successful fdatasync of the log, for the metrics: its duration and how many records it made
// durable (the group commit's size).
struct WalSync {
    double seconds = 0;
    std::uint64_t records = 0;
};

struct WalOptions {
    // Group commit: an appender whose record is not yet covered by a sync in flight starts one
    // (covering every record written so far) unless this many are already in flight; otherwise it
    // waits. 1, the classic single leader, is the default: two fdatasyncs in flight on one file
    // share its error state, so when writeback fails only one of them may see EIO and the other
    // report success for pages that were lost (the simulated power-loss test after a failed sync,
    // tests/durability/fsync_failure_test.cpp, caught acknowledged writes lost that way). More
    // lets the next batch start while the disk finishes the previous one (bench/bench_wal.cpp).
    unsigned max_concurrent_syncs = 1;
    // Told of each record written (its bytes on disk, header included) and each successful sync
    // of appends. Called under the log's lock: keep them short and never call back into the log.
    std::function<void(std::uint64_t bytes)> on_append;
    std::function<void(const WalSync&)> on_sync;
};

// Append-only log of opaque records in segment files `wal-<first sequence>.log` inside a folder.
// Each record: length, sequence number, CRC32C, payload. append() returns only once the record is
// durable (fsync); concurrent appenders share one fsync (group commit). Thread-safe.
class WriteAheadLog {
public:
    // Opens (creating the folder if needed). Call replay() before the first append.
    explicit WriteAheadLog(std::filesystem::path dir, WalOptions options = {});
    ~WriteAheadLog();
    WriteAheadLog(const WriteAheadLog&) = delete;
    WriteAheadLog& operator=(const WriteAheadLog&) = delete;

    // Calls fn(sequence, payload) for every intact record with sequence > after, in order
    // (fn must not call back into the log). Stops at the first torn or damaged record: that
    // segment is cut there and any later segments are renamed `<name>.discarded`. Then opens the
    // newest segment for appends; if `after` is beyond the log's end (the log is behind the
    // snapshot), the old segments are dropped and numbering continues at after + 1.
    ReplayReport replay(std::uint64_t after, const std::function<void(std::uint64_t, std::string_view)>& fn);

    // Appends and waits until durable; returns the record's sequence number. Throws braid::Error(io).
    // When a write or fsync fails, every append not yet durable and every later one throws
    // Error(io, "journal_failed"), even if a later fsync succeeds (the failed one may have lost
    // pages: a kernel reports a writeback error once); reopen the log and replay to go on.
    std::uint64_t append(std::string_view payload);

    // Starts a new segment; later records go there. Returns the last sequence of the closed ones.
    std::uint64_t rotate();
    // Deletes segments whose records all have sequence <= upto (a snapshot covers them).
    void drop_through(std::uint64_t upto);

    // Bytes in the segment being appended to (after a restart: its size on disk).
    std::uint64_t bytes_since_rotate() const;
    std::uint64_t last_sequence() const;
    // How many fdatasync calls appends have made; with group commit, fewer than records appended.
    std::uint64_t sync_count() const;
    const std::filesystem::path& dir() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace braid::storage
