// Damaged logs: torn tails, flipped bytes, garbage, missing segments. Replay must keep every intact
// record before the damage, cut the rest, say where and why, and leave a log that takes appends.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "storage/write_ahead_log.hpp"
#include "temp_dir.hpp"

using braid::storage::ReplayReport;
using braid::storage::WriteAheadLog;
using namespace braid::storage::testing;

namespace {

using Records = std::vector<std::pair<std::uint64_t, std::string>>;

constexpr std::size_t kHeader = 20;
constexpr std::size_t kPayload = 10;  // "record-00N"
constexpr std::size_t kRecordBytes = kHeader + kPayload;
const std::string kFirstSegment = "wal-00000000000000000001.log";

std::string payload_of(std::uint64_t seq) {
    char out[32];
    std::snprintf(out, sizeof out, "record-%03llu", static_cast<unsigned long long>(seq));
    return out;
}

ReplayReport replay_into(WriteAheadLog& log, Records& out, std::uint64_t after = 0) {
    return log.replay(after, [&](std::uint64_t seq, std::string_view payload) { out.emplace_back(seq, payload); });
}

// Writes records 1..count, rotating after each sequence listed in `rotate_after`.
void write_log(const std::filesystem::path& dir, std::uint64_t count, std::vector<std::uint64_t> rotate_after = {}) {
    WriteAheadLog log(dir);
    Records none;
    replay_into(log, none);
    for (std::uint64_t seq = 1; seq <= count; ++seq) {
        REQUIRE(log.append(payload_of(seq)) == seq);
        if (std::find(rotate_after.begin(), rotate_after.end(), seq) != rotate_after.end()) log.rotate();
    }
}

void require_prefix(const Records& records, std::uint64_t count) {
    REQUIRE(records.size() == count);
    for (std::uint64_t i = 0; i < count; ++i) {
        REQUIRE(records[i].first == i + 1);
        REQUIRE(records[i].second == payload_of(i + 1));
    }
}

// After recovery the log must take appends and replay cleanly afterwards.
void require_usable(const std::filesystem::path& dir, WriteAheadLog& log, std::uint64_t kept) {
    REQUIRE(log.append(payload_of(kept + 1)) == kept + 1);
    WriteAheadLog reopened(dir);
    Records records;
    const ReplayReport report = replay_into(reopened, records);
    CHECK(report.problem.empty());
    require_prefix(records, kept + 1);
}

}  // namespace

TEST_CASE("wal recovery: a tail cut mid-payload is truncated to the last good record", "[storage][wal][recovery]") {
    TempDir dir;
    write_log(dir.path(), 5);
    const auto file = dir / kFirstSegment;
    REQUIRE(std::filesystem::file_size(file) == 5 * kRecordBytes);
    std::filesystem::resize_file(file, 5 * kRecordBytes - 7);

    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    require_prefix(records, 4);
    CHECK(report.records == 4);
    CHECK(report.last_sequence == 4);
    CHECK(report.truncated_bytes == kRecordBytes - 7);
    CHECK_THAT(report.problem, Catch::Contains(kFirstSegment) && Catch::Contains("offset 120") &&
                                   Catch::Contains("torn"));
    CHECK(std::filesystem::file_size(file) == 4 * kRecordBytes);
    require_usable(dir.path(), log, 4);
}

TEST_CASE("wal recovery: a tail cut inside a header", "[storage][wal][recovery]") {
    TempDir dir;
    write_log(dir.path(), 3);
    std::filesystem::resize_file(dir / kFirstSegment, 2 * kRecordBytes + 5);
    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    require_prefix(records, 2);
    CHECK(report.truncated_bytes == 5);
    CHECK_THAT(report.problem, Catch::Contains("offset 60") && Catch::Contains("header"));
    require_usable(dir.path(), log, 2);
}

TEST_CASE("wal recovery: a flipped byte in the middle record stops replay there", "[storage][wal][recovery]") {
    TempDir dir;
    write_log(dir.path(), 5);
    const auto file = dir / kFirstSegment;
    std::size_t offset = 0;
    std::string cause;
    SECTION("in the payload") {
        offset = 2 * kRecordBytes + kHeader + 3;
        cause = "checksum mismatch";
        REQUIRE(offset / kRecordBytes == 2);  // the third record (-w NoAssertions: each section asserts)
    }
    SECTION("in the sequence number") {
        offset = 2 * kRecordBytes + 9;
        cause = "checksum mismatch";
        REQUIRE(offset / kRecordBytes == 2);
    }
    SECTION("in the magic number") {
        offset = 2 * kRecordBytes;
        cause = "bad magic";
        REQUIRE(offset / kRecordBytes == 2);
    }
    SECTION("in the length, which now points past the end of the file") {
        offset = 2 * kRecordBytes + 7;  // high byte of the length
        cause = "torn record";
        REQUIRE(offset / kRecordBytes == 2);
    }
    flip_byte(file, offset);

    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    require_prefix(records, 2);
    CHECK(report.truncated_bytes == 3 * kRecordBytes);
    CHECK_THAT(report.problem, Catch::Contains(kFirstSegment) && Catch::Contains("offset 60") && Catch::Contains(cause));
    require_usable(dir.path(), log, 2);
}

TEST_CASE("wal recovery: a segment of garbage yields no records and no crash", "[storage][wal][recovery]") {
    TempDir dir;
    std::mt19937 rng(42);
    std::string garbage(5000, '\0');
    for (char& c : garbage) c = static_cast<char>(rng());
    write_file(dir / kFirstSegment, garbage);

    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    CHECK(records.empty());
    CHECK(report.truncated_bytes == 5000);
    CHECK_THAT(report.problem, Catch::Contains(kFirstSegment) && Catch::Contains("offset 0"));
    require_usable(dir.path(), log, 0);
}

TEST_CASE("wal recovery: damage in an older segment sets the later ones aside", "[storage][wal][recovery]") {
    TempDir dir;
    write_log(dir.path(), 6, {3});  // wal-1 holds 1..3, wal-4 holds 4..6
    flip_byte(dir / kFirstSegment, kRecordBytes + kHeader);  // record 2

    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records);
    require_prefix(records, 1);
    CHECK_THAT(report.problem, Catch::Contains(kFirstSegment) && Catch::Contains("checksum mismatch") &&
                                   Catch::Contains("wal-00000000000000000004.log") && Catch::Contains("set aside"));
    CHECK(report.truncated_bytes == 2 * kRecordBytes + 3 * kRecordBytes);
    CHECK(std::filesystem::exists(dir / "wal-00000000000000000004.log.discarded"));
    CHECK_FALSE(std::filesystem::exists(dir / "wal-00000000000000000004.log"));
    require_usable(dir.path(), log, 1);
}

TEST_CASE("wal recovery: a missing segment is a problem unless a snapshot covers it", "[storage][wal][recovery]") {
    TempDir dir;
    write_log(dir.path(), 7, {3, 6});  // wal-1: 1..3, wal-4: 4..6, wal-7: 7
    const auto middle = dir / "wal-00000000000000000004.log";
    const std::string middle_bytes = read_file(middle);
    std::filesystem::remove(middle);

    SECTION("covered by a snapshot at 6: replay goes on with 7") {
        WriteAheadLog log(dir.path());
        Records records;
        const ReplayReport report = replay_into(log, records, 6);
        CHECK(report.problem.empty());
        REQUIRE(records.size() == 1);
        CHECK(records[0].first == 7);
        CHECK(log.append("next") == 8);
    }
    SECTION("not covered: replay stops after 3 and reports the gap") {
        WriteAheadLog log(dir.path());
        Records records;
        const ReplayReport report = replay_into(log, records);
        require_prefix(records, 3);
        CHECK_THAT(report.problem, Catch::Contains("wal-00000000000000000007.log") && Catch::Contains("missing"));
        require_usable(dir.path(), log, 3);
    }
}

TEST_CASE("wal recovery: random damage never crashes and keeps an intact prefix", "[storage][wal][recovery][fuzz]") {
    std::mt19937 rng(2024);
    for (int round = 0; round < 60; ++round) {
        TempDir dir;
        const std::uint64_t count = 1 + rng() % 12;
        write_log(dir.path(), count, {count / 2});
        for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
            const auto size = std::filesystem::file_size(entry.path());
            if (size == 0) continue;
            switch (rng() % 3) {
                case 0: std::filesystem::resize_file(entry.path(), rng() % size); break;
                case 1: flip_byte(entry.path(), rng() % size); break;
                default: break;
            }
        }
        WriteAheadLog log(dir.path());
        Records records;
        ReplayReport report;
        REQUIRE_NOTHROW(report = replay_into(log, records));
        INFO("round " << round << ": " << report.problem);
        REQUIRE(records.size() <= count);
        // Replay delivers an unbroken run of the original records.
        for (std::size_t i = 0; i < records.size(); ++i) {
            REQUIRE(records[i].first == records.front().first + i);
            REQUIRE(records[i].second == payload_of(records[i].first));
        }
        const std::uint64_t next = log.append("after damage");
        REQUIRE(next == report.last_sequence + 1);
        WriteAheadLog reopened(dir.path());
        Records again;
        CHECK(replay_into(reopened, again).problem.empty());
        REQUIRE(!again.empty());
        CHECK(again.back() == std::pair<std::uint64_t, std::string>{next, "after damage"});
    }
}

TEST_CASE("wal recovery: a log that starts after the snapshot's end is reported, not applied", "[storage][wal][recovery]") {
    TempDir dir;
    write_log(dir.path(), 7, {3, 6});  // wal-1: 1..3, wal-4: 4..6, wal-7: 7
    std::filesystem::remove(dir / kFirstSegment);
    // Recovery from an older snapshot (say at 2) would need records 3..; the log starts at 4.
    WriteAheadLog log(dir.path());
    Records records;
    const ReplayReport report = replay_into(log, records, 2);
    CHECK(records.empty());
    CHECK_THAT(report.problem, Catch::Contains("wal-00000000000000000004.log") && Catch::Contains("needs 3"));
    CHECK(std::filesystem::exists(dir / "wal-00000000000000000004.log.discarded"));
    CHECK(log.append("x") == 3);
}
