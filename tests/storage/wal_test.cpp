#include <catch2/catch.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <latch>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "storage/wal_segments.hpp"
#include "storage/write_ahead_log.hpp"
#include "temp_dir.hpp"

using braid::storage::ReplayReport;
using braid::storage::WriteAheadLog;
using braid::storage::testing::TempDir;

namespace {

braid::storage::WalOptions wal_options(unsigned max_concurrent_syncs) {
    braid::storage::WalOptions options;
    options.max_concurrent_syncs = max_concurrent_syncs;
    return options;
}

using Records = std::vector<std::pair<std::uint64_t, std::string>>;

ReplayReport replay_into(WriteAheadLog& log, Records& out, std::uint64_t after = 0) {
    return log.replay(after, [&](std::uint64_t seq, std::string_view payload) { out.emplace_back(seq, payload); });
}

std::size_t count_segments(const std::filesystem::path& dir) { return braid::storage::list_segments(dir).size(); }

}  // namespace

TEST_CASE("wal: appended records come back in order after reopening", "[storage][wal]") {
    TempDir dir;
    {
        WriteAheadLog log(dir.path());
        Records none;
        const ReplayReport first = replay_into(log, none);
        CHECK(none.empty());
        CHECK(first.problem.empty());
        CHECK(first.last_sequence == 0);
        CHECK(log.append("alpha") == 1);
        CHECK(log.append("") == 2);  // empty payloads are records too
        CHECK(log.append(std::string(100000, 'x')) == 3);
        CHECK(log.append(std::string("bin\0ary", 7)) == 4);
        CHECK(log.last_sequence() == 4);
        CHECK(log.bytes_since_rotate() == 4 * 20 + 5 + 0 + 100000 + 7);
    }
    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    CHECK(report.problem.empty());
    CHECK(report.records == 4);
    CHECK(report.last_sequence == 4);
    CHECK(report.truncated_bytes == 0);
    REQUIRE(records.size() == 4);
    CHECK(records[0] == std::pair<std::uint64_t, std::string>{1, "alpha"});
    CHECK(records[1].second.empty());
    CHECK(records[2].second == std::string(100000, 'x'));
    CHECK(records[3].second == std::string("bin\0ary", 7));

    // Numbering continues; replay `after` skips what a snapshot already holds.
    CHECK(log.append("after restart") == 5);
    WriteAheadLog again(dir.path());
    Records tail;
    CHECK(replay_into(again, tail, 3).records == 2);
    REQUIRE(tail.size() == 2);
    CHECK(tail[0].first == 4);
    CHECK(tail[1] == std::pair<std::uint64_t, std::string>{5, "after restart"});
}

TEST_CASE("wal: append before replay is refused", "[storage][wal]") {
    TempDir dir;
    WriteAheadLog log(dir.path());
    CHECK_THROWS_AS(log.append("too early"), braid::Error);
}

TEST_CASE("wal: concurrent appenders share fsyncs and every record lands once", "[storage][wal][group-commit]") {
    const unsigned max_syncs = GENERATE(1u, 2u, 4u);
    TempDir dir;
    constexpr int kThreads = 16;
    constexpr int kPerThread = 100;
    std::map<std::uint64_t, std::string> acknowledged;
    std::uint64_t syncs = 0;
    {
        WriteAheadLog log(dir.path(), wal_options(max_syncs));
        Records none;
        replay_into(log, none);
        std::mutex acknowledged_mutex;
        std::latch start(kThreads);  // every thread appends from the same moment on
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                for (int i = 0; i < kPerThread; ++i) {
                    const std::string payload = "thread " + std::to_string(t) + " record " + std::to_string(i);
                    const std::uint64_t seq = log.append(payload);
                    std::lock_guard lock(acknowledged_mutex);
                    acknowledged.emplace(seq, payload);
                }
            });
        }
        for (auto& th : threads) th.join();
        syncs = log.sync_count();
    }
    constexpr int kTotal = kThreads * kPerThread;
    REQUIRE(acknowledged.size() == kTotal);  // no sequence handed out twice
    CHECK(acknowledged.begin()->first == 1);
    CHECK(acknowledged.rbegin()->first == kTotal);
    WARN("group commit, at most " << max_syncs << " syncs in flight: " << kTotal << " records from " << kThreads
                                   << " threads took " << syncs
                          << " fdatasync calls (" << double(syncs) / kTotal << " per record)");
    // Both bounds can fail: no sync at all, or one per record (no group commit). The fdatasync calls
    // themselves are counted outside braid by tests/durability/fsync_failure_test.cpp.
    CHECK(syncs >= 1);
    CHECK(syncs < static_cast<std::uint64_t>(kTotal));

    WriteAheadLog log(dir.path());
    Records records;
    CHECK(replay_into(log, records).problem.empty());
    REQUIRE(records.size() == kTotal);
    std::map<int, int> next_per_thread;
    for (std::size_t i = 0; i < records.size(); ++i) {
        REQUIRE(records[i].first == i + 1);
        REQUIRE(acknowledged.at(records[i].first) == records[i].second);
        // Each thread's records appear in the order that thread appended them.
        int thread = 0, index = 0;
        REQUIRE(std::sscanf(records[i].second.c_str(), "thread %d record %d", &thread, &index) == 2);
        REQUIRE(index == next_per_thread[thread]++);
    }
}

TEST_CASE("wal: rotate starts a new segment and drop_through removes covered ones", "[storage][wal]") {
    TempDir dir;
    WriteAheadLog log(dir.path());
    Records none;
    replay_into(log, none);
    for (int i = 0; i < 3; ++i) log.append(std::string("a").append(std::to_string(i)));  // 1..3 in wal-1
    CHECK(log.rotate() == 3);
    CHECK(log.bytes_since_rotate() == 0);
    CHECK(log.rotate() == 3);  // rotating an empty segment is a no-op
    for (int i = 0; i < 3; ++i) log.append(std::string("b").append(std::to_string(i)));  // 4..6 in wal-4
    log.rotate();
    log.append("c0");  // 7 in wal-7
    REQUIRE(count_segments(dir.path()) == 3);
    CHECK(std::filesystem::exists(dir / "wal-00000000000000000004.log"));

    log.drop_through(5);  // wal-4 still holds 6: only wal-1 goes
    CHECK(count_segments(dir.path()) == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "wal-00000000000000000001.log"));
    log.drop_through(100);  // the active segment always stays
    CHECK(count_segments(dir.path()) == 1);
    CHECK(std::filesystem::exists(dir / "wal-00000000000000000007.log"));
    log.append("c1");

    WriteAheadLog reopened(dir.path());
    Records records;
    const ReplayReport report = replay_into(reopened, records, 6);
    CHECK(report.problem.empty());
    REQUIRE(records.size() == 2);
    CHECK(records[0] == std::pair<std::uint64_t, std::string>{7, "c0"});
    CHECK(records[1] == std::pair<std::uint64_t, std::string>{8, "c1"});
}

TEST_CASE("wal: numbering survives a rotation with no records after it", "[storage][wal]") {
    TempDir dir;
    {
        WriteAheadLog log(dir.path());
        Records none;
        replay_into(log, none);
        log.append("x");
        log.append("y");
        log.rotate();
        log.drop_through(2);
    }
    WriteAheadLog log(dir.path());
    Records records;
    CHECK(replay_into(log, records, 2).last_sequence == 2);
    CHECK(records.empty());
    CHECK(log.append("z") == 3);
}

TEST_CASE("wal: a snapshot newer than the log restarts numbering after it", "[storage][wal]") {
    TempDir dir;
    {
        WriteAheadLog log(dir.path());
        Records none;
        replay_into(log, none);
        log.append("old");
    }
    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records, 50);
    CHECK(records.empty());
    CHECK(report.last_sequence == 50);
    CHECK(log.append("new") == 51);
    WriteAheadLog reopened(dir.path());
    Records after;
    replay_into(reopened, after, 50);
    REQUIRE(after.size() == 1);
    CHECK(after[0] == std::pair<std::uint64_t, std::string>{51, "new"});
}

TEST_CASE("wal: rotation and dropping while other threads append", "[storage][wal][group-commit]") {
    TempDir dir;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 60;
    {
        WriteAheadLog log(dir.path());
        Records none;
        replay_into(log, none);
        // The writers claim kRotateEvery appends, the rotator rotates once they are all written, and
        // only then may the next ones be claimed: each segment ends up with exactly kRotateEvery
        // records, every rotation runs between appends of several threads, and no timing decides it.
        constexpr int kRotateEvery = 20;
        std::mutex mutex;
        std::condition_variable changed;
        int claimed = 0, written = 0, rotated_at = 0;
        bool done = false;
        std::thread rotator([&] {
            std::unique_lock lock(mutex);
            for (;;) {
                changed.wait(lock, [&] { return done || written >= rotated_at + kRotateEvery; });
                if (written < rotated_at + kRotateEvery) return;  // done
                lock.unlock();
                log.rotate();
                lock.lock();
                rotated_at += kRotateEvery;
                changed.notify_all();
            }
        });
        std::vector<std::thread> writers;
        for (int t = 0; t < kThreads; ++t) {
            writers.emplace_back([&] {
                for (int i = 0; i < kPerThread; ++i) {
                    {
                        std::unique_lock lock(mutex);
                        changed.wait(lock, [&] { return claimed < rotated_at + kRotateEvery; });
                        ++claimed;
                    }
                    log.append("payload");
                    std::lock_guard lock(mutex);
                    ++written;
                    changed.notify_all();
                }
            });
        }
        for (auto& w : writers) w.join();
        {
            std::lock_guard lock(mutex);
            done = true;
        }
        changed.notify_all();
        rotator.join();
        CHECK(rotated_at == kThreads * kPerThread);
        // kRotateEvery records in each closed segment, and the empty one the last rotation opened.
        CHECK(count_segments(dir.path()) == kThreads * kPerThread / kRotateEvery + 1);
    }
    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    CHECK(report.problem.empty());
    REQUIRE(records.size() == kThreads * kPerThread);
    for (std::size_t i = 0; i < records.size(); ++i) REQUIRE(records[i].first == i + 1);
    log.drop_through(kThreads * kPerThread);
    CHECK(count_segments(dir.path()) == 1);
}
