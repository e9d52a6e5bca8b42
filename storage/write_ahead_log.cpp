#include "storage/write_ahead_log.hpp"

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <system_error>
#include <vector>

#include "core/error.hpp"
#include "storage/durable_file.hpp"
#include "storage/posix_file.hpp"
#include "storage/wal_record.hpp"
#include "storage/wal_segments.hpp"

namespace braid::storage {

struct WriteAheadLog::Impl {
    std::filesystem::path dir;

    WalOptions options;

    mutable std::mutex mutex;
    std::condition_variable synced;  // a sync finished (or failed)

    FileDescriptor active;           // the segment appends go to
    std::uint64_t active_offset = 0;
    std::uint64_t last_sequence = 0;     // last sequence written to the file
    std::uint64_t durable_sequence = 0;  // last sequence known to be on stable storage
    unsigned syncs_in_flight = 0;
    std::uint64_t highest_target_in_flight = 0;  // every record up to it is covered by a running sync
    std::uint64_t syncs = 0;
    std::string failure;             // set once a write or sync failed: the log is unusable

    void wait_for_syncs_to_finish(std::unique_lock<std::mutex>& lock) {
        synced.wait(lock, [this] { return syncs_in_flight == 0; });
    }

    // After a failed write or sync the log takes no more records until braid restarts: a failed
    // fdatasync may have dropped the unsynced pages (Linux marks them clean), and a later sync
    // that succeeds says nothing about them (PostgreSQL's "fsyncgate"). Replay after the restart
    // keeps the intact records that did reach the disk.
    [[noreturn]] void throw_failed() const {
        throw Error(ErrorKind::io, "journal_failed",
                    "write-ahead log " + dir.string() + " refuses writes after a failure (" + failure +
                        "); records since the last successful sync may not be on disk; restart braid to recover");
    }

    // Group commit. A sync started after a record was written covers it (fdatasync flushes every
    // completed write of the file), so an appender waits while such a sync is running and
    // otherwise starts one itself for everything written so far, without holding the lock.
    void wait_until_durable(std::unique_lock<std::mutex>& lock, std::uint64_t sequence) {
        while (durable_sequence < sequence) {
            if (!failure.empty()) throw_failed();
            if (highest_target_in_flight >= sequence || syncs_in_flight >= options.max_concurrent_syncs) {
                synced.wait(lock);
                continue;
            }
            ++syncs_in_flight;
            const std::uint64_t target = last_sequence;
            highest_target_in_flight = std::max(highest_target_in_flight, target);
            lock.unlock();
            std::string error;
            const auto started = std::chrono::steady_clock::now();
            try {
                sync_data(active);
            } catch (const Error& e) {
                error = e.what();
            }
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
            lock.lock();
            --syncs_in_flight;
            ++syncs;
            // A sync that succeeds after another failed proves nothing about the pages the failed
            // one lost, so once failed, nothing more becomes durable.
            if (!error.empty()) {
                failure = error;
            } else if (failure.empty()) {
                const std::uint64_t newly_durable = target > durable_sequence ? target - durable_sequence : 0;
                durable_sequence = std::max(durable_sequence, target);
                if (options.on_sync) options.on_sync(WalSync{took.count(), newly_durable});
            }
            synced.notify_all();
        }
    }

    void open_new_segment(std::uint64_t first_sequence) {
        const std::filesystem::path path = dir / segment_file_name(first_sequence);
        active = open_file(path, O_WRONLY | O_CREAT | O_EXCL);
        active_offset = 0;
        fsync_directory(dir);
    }

    void open_existing_segment(const Segment& segment) {
        active = open_file(segment.path, O_WRONLY);
        active_offset = size_of(active);
    }

    // Segments that cannot be replayed in order are kept for inspection but out of the way.
    std::string set_aside(const Segment& segment, std::uint64_t& bytes) {
        std::error_code ec;
        bytes += std::filesystem::file_size(segment.path, ec);
        std::filesystem::path target = segment.path;
        target += ".discarded";
        std::filesystem::rename(segment.path, target, ec);
        if (ec) throw_io_error("cannot rename", segment.path, ec.value());
        return segment.path.filename().string() + " follows the damage and was set aside as " +
               target.filename().string();
    }
};

namespace {

void cut_segment(const Segment& segment, std::uint64_t size) {
    const FileDescriptor file = open_file(segment.path, O_WRONLY);
    truncate_to(file, size);
    sync_all(file);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

}  // namespace

WriteAheadLog::WriteAheadLog(std::filesystem::path dir, WalOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->dir = std::move(dir);
    impl_->options = options;
    impl_->options.max_concurrent_syncs = std::max(1u, options.max_concurrent_syncs);
    create_directories_durably(impl_->dir);
}

WriteAheadLog::~WriteAheadLog() {
    std::unique_lock lock(impl_->mutex);
    impl_->wait_for_syncs_to_finish(lock);
}

ReplayReport WriteAheadLog::replay(std::uint64_t after,
                                   const std::function<void(std::uint64_t, std::string_view)>& fn) {
    Impl& s = *impl_;
    std::unique_lock lock(s.mutex);
    s.wait_for_syncs_to_finish(lock);
    s.active = FileDescriptor();

    ReplayReport report;
    std::vector<std::string> problems;
    const std::vector<Segment> segments = list_segments(s.dir);
    std::uint64_t next = 0;  // the sequence the next record must carry; 0 before the first segment
    std::size_t kept = 0;
    for (; kept < segments.size(); ++kept) {
        const Segment& segment = segments[kept];
        const std::string name = segment.path.filename().string();
        // The log must continue where the previous segment ended, or where the snapshot ends.
        const std::uint64_t needed = std::max(next, after + 1);
        if ((next != 0 && segment.first_sequence < next) || segment.first_sequence > needed) {
            problems.push_back(name + " starts at sequence " + std::to_string(segment.first_sequence) +
                               " but replay needs " + std::to_string(next != 0 ? next : needed) +
                               " next (a segment is missing or misnamed, or the log was dropped beyond the "
                               "snapshot replay starts from)");
            break;
        }
        const bool last = kept + 1 == segments.size();
        if (!last && segments[kept + 1].first_sequence <= after + 1) {
            next = segments[kept + 1].first_sequence;  // wholly covered by the snapshot: not read
            continue;
        }
        const SegmentScan scan = scan_segment(segment, after, fn);
        report.records += scan.delivered;
        next = segment.first_sequence + scan.intact_records;
        if (!scan.problem.empty()) {
            cut_segment(segment, scan.good_bytes);
            report.truncated_bytes += scan.file_bytes - scan.good_bytes;
            problems.push_back(name + " " + scan.problem + "; cut " +
                               std::to_string(scan.file_bytes - scan.good_bytes) + " bytes from offset " +
                               std::to_string(scan.good_bytes));
            ++kept;
            break;
        }
    }
    for (std::size_t i = kept; i < segments.size(); ++i) {
        problems.push_back(s.set_aside(segments[i], report.truncated_bytes));
    }
    if (kept < segments.size()) fsync_directory(s.dir);

    s.last_sequence = next == 0 ? 0 : next - 1;
    if (kept == 0 || after > s.last_sequence) {
        // Nothing to append to, or every record is older than the snapshot: start afresh after it.
        for (std::size_t i = 0; i < kept; ++i) {
            std::error_code ec;
            std::filesystem::remove(segments[i].path, ec);
            if (ec) throw_io_error("cannot remove", segments[i].path, ec.value());
        }
        s.last_sequence = std::max(s.last_sequence, after);
        s.open_new_segment(s.last_sequence + 1);
    } else {
        s.open_existing_segment(segments[kept - 1]);
    }
    s.durable_sequence = s.last_sequence;
    s.highest_target_in_flight = s.last_sequence;
    s.failure.clear();
    report.last_sequence = s.last_sequence;
    report.problem = join(problems);
    return report;
}

std::uint64_t WriteAheadLog::append(std::string_view payload) {
    if (payload.size() > kMaxRecordPayload) {
        throw Error(ErrorKind::invalid_argument, "record_too_large",
                    "a write-ahead log record may hold at most " + std::to_string(kMaxRecordPayload) +
                        " bytes, got " + std::to_string(payload.size()));
    }
    EncodedRecord record(payload);
    Impl& s = *impl_;
    std::unique_lock lock(s.mutex);
    if (!s.failure.empty()) s.throw_failed();  // (a failed rotate() may have left no segment open)
    if (!s.active) {
        throw Error(ErrorKind::internal, "wal_not_open",
                    "write-ahead log " + s.dir.string() + ": replay() must run before the first append()");
    }
    const std::uint64_t sequence = s.last_sequence + 1;
    record.stamp(sequence);
    try {
        pwrite_all(s.active, record.bytes(), s.active_offset);
    } catch (const Error& e) {
        // A partial record would hide every later one from replay: take it back or stop the log.
        try {
            truncate_to(s.active, s.active_offset);
        } catch (const Error&) {
            s.failure = e.what();
        }
        throw;
    }
    s.active_offset += record.bytes().size();
    s.last_sequence = sequence;
    if (s.options.on_append) s.options.on_append(record.bytes().size());
    s.wait_until_durable(lock, sequence);
    return sequence;
}

std::uint64_t WriteAheadLog::rotate() {
    Impl& s = *impl_;
    std::unique_lock lock(s.mutex);
    s.wait_for_syncs_to_finish(lock);
    if (!s.active) {
        throw Error(ErrorKind::internal, "wal_not_open",
                    "write-ahead log " + s.dir.string() + ": replay() must run before rotate()");
    }
    if (!s.failure.empty()) s.throw_failed();
    if (s.active_offset == 0) return s.last_sequence;  // the current segment is already empty
    try {
        sync_data(s.active);
        s.durable_sequence = s.last_sequence;
        s.active.close();
        s.open_new_segment(s.last_sequence + 1);
    } catch (const Error& e) {
        // Appends must not go on: into a segment whose sync failed, or one whose name may not be
        // on disk (its folder's fsync failed).
        s.failure = e.what();
        s.synced.notify_all();
        throw;
    }
    return s.last_sequence;
}

void WriteAheadLog::drop_through(std::uint64_t upto) {
    Impl& s = *impl_;
    std::unique_lock lock(s.mutex);
    const std::vector<Segment> segments = list_segments(s.dir);
    bool removed = false;
    // The newest segment is never dropped: it is (or will be) the one appended to, and its name
    // carries the numbering across restarts.
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        if (segments[i + 1].first_sequence > upto + 1) break;
        std::error_code ec;
        std::filesystem::remove(segments[i].path, ec);
        if (ec) throw_io_error("cannot remove", segments[i].path, ec.value());
        removed = true;
    }
    if (removed) fsync_directory(s.dir);
}

std::uint64_t WriteAheadLog::bytes_since_rotate() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->active_offset;
}

std::uint64_t WriteAheadLog::last_sequence() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->last_sequence;
}

std::uint64_t WriteAheadLog::sync_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->syncs;
}

const std::filesystem::path& WriteAheadLog::dir() const { return impl_->dir; }

}  // namespace braid::storage
