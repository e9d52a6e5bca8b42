#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "core/error.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/nats_server.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using braid::cluster::JetStreamLog;
using braid::cluster::LogRecord;
using braid::cluster::NatsConnection;
using braid::cluster::NatsOptions;
using braid::test_support::NatsServer;
using braid::test_support::NatsServerSpec;
using namespace std::chrono_literals;

namespace {

NatsOptions options_for(const std::vector<std::string>& urls) {
    NatsOptions options;
    options.urls = urls;
    options.connect_timeout = 1000ms;
    options.reconnect_wait = 50ms;
    options.request_timeout = 2000ms;  // a retry sooner when a request met a dead server
    return options;
}

std::vector<LogRecord> read_all(braid::cluster::LogCursor& cursor, std::size_t count) {
    std::vector<LogRecord> records;
    while (records.size() < count) {
        auto record = cursor.next(5s);
        if (!record) break;
        records.push_back(std::move(*record));
    }
    return records;
}

}  // namespace

TEST_CASE("appends are acknowledged with increasing sequences and read back in order", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsConnection connection(options_for({server.url()}));
    CHECK(connection.connected());
    CHECK(connection.connected_url() == server.url());
    JetStreamLog log(connection, {"docs.v2", 1, 120s});
    CHECK(log.stream() == "braid_docs~v2");

    CHECK(log.append(0, "first", "w-1").sequence == 1);
    CHECK(log.append(2, "second", "w-2").sequence == 2);
    const auto third = log.append(1, std::string("bytes\0with zero", 15), "w-3");
    CHECK(third.sequence == 3);
    CHECK_FALSE(third.duplicate);
    const auto state = log.state();
    CHECK(state.first_sequence == 1);
    CHECK(state.last_sequence == 3);
    CHECK(state.messages == 3);
    CHECK(state.leader.empty());

    SECTION("every shard from the start") {
        const auto cursor = log.follow(0);
        const auto records = read_all(*cursor, 3);
        REQUIRE(records.size() == 3);
        CHECK(records[0].sequence == 1);
        CHECK(records[0].shard == 0);
        CHECK(records[0].payload == "first");
        CHECK(records[0].msg_id == "w-1");
        CHECK(records[1].shard == 2);
        CHECK(records[2].payload == std::string("bytes\0with zero", 15));
        // Nothing more: the bounded wait ends without a record.
        CHECK_FALSE(cursor->next(100ms).has_value());
        // A record appended while following arrives.
        CHECK(log.append(0, "fourth", "w-4").sequence == 4);
        const auto fourth = cursor->next(5s);
        REQUIRE(fourth.has_value());
        CHECK(fourth->sequence == 4);
        CHECK(fourth->payload == "fourth");
    }
    SECTION("from a sequence, one shard") {
        const auto shard_log = log.shard_log(2);
        CHECK(shard_log->append("fourth", "w-4").sequence == 4);
        const auto cursor = shard_log->follow(3);
        const auto records = read_all(*cursor, 1);
        REQUIRE(records.size() == 1);
        CHECK(records[0].sequence == 4);  // sequence 2 (shard 2) is before 3; 3 is shard 1
        CHECK(records[0].payload == "fourth");
        CHECK_FALSE(cursor->next(100ms).has_value());
    }
}

TEST_CASE("a message id appended twice is stored once", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsConnection connection(options_for({server.url()}));
    JetStreamLog log(connection, {"docs", 1, 120s});

    const auto first = log.append(0, "upsert a", "writer-7:1");
    CHECK(log.append(0, "upsert b", "writer-7:2").sequence == 2);
    // A writer that lost the acknowledgement retries with the same id.
    const auto retry = log.append(0, "upsert a", "writer-7:1");
    CHECK(retry.duplicate);
    CHECK(retry.sequence == first.sequence);
    CHECK(log.state().messages == 2);
    // Without an id nothing is de-duplicated.
    CHECK(log.append(0, "no id", "").sequence == 3);
    CHECK(log.append(0, "no id", "").sequence == 4);
}

TEST_CASE("a record over the servers' max_payload is refused as too large", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});  // max_payload: nats-server's default, 1 MB
    NatsConnection connection(options_for({server.url()}));
    JetStreamLog log(connection, {"docs", 1, 120s});
    try {
        log.append(0, std::string(2u << 20, 'x'), "big");
        FAIL("a 2 MB record was accepted");
    } catch (const braid::Error& error) {
        CHECK(error.kind() == braid::ErrorKind::payload_too_large);
        CHECK(error.type() == "record_too_large");
    }
    CHECK(log.append(0, std::string(512u << 10, 'x'), "small").sequence == 1);
}

TEST_CASE("the stream survives a restart of nats-server, and so does the connection", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsConnection connection(options_for({server.url()}));
    JetStreamLog log(connection, {"docs", 1, 120s});
    for (int i = 1; i <= 5; ++i) REQUIRE(log.append(0, "record " + std::to_string(i), "id-" + std::to_string(i)).sequence == static_cast<std::uint64_t>(i));

    server.kill();
    server.start();

    // The same connection reconnects on its own; the first append may meet it still reconnecting.
    std::uint64_t sixth = 0;
    REQUIRE(braid::test_support::eventually([&] { sixth = log.append(0, "record 6", "id-6").sequence; return true; }, 10s));
    CHECK(sixth == 6);
    // The de-duplication window is kept across the restart as well.
    CHECK(log.append(0, "record 5", "id-5").duplicate);

    NatsConnection fresh(options_for({server.url()}));
    JetStreamLog reopened(fresh, {"docs", 1, 120s});
    const auto cursor = reopened.follow(3);
    const auto records = read_all(*cursor, 4);
    REQUIRE(records.size() == 4);
    for (std::size_t i = 0; i < records.size(); ++i) {
        CHECK(records[i].sequence == 3 + i);
        CHECK(records[i].payload == "record " + std::to_string(3 + i));
    }
}

TEST_CASE("trimming drops records through a sequence, and following from before them is refused", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsConnection connection(options_for({server.url()}));
    JetStreamLog log(connection, {"docs", 1, 120s});
    for (int i = 1; i <= 6; ++i) log.append(static_cast<std::uint32_t>(i % 2), std::string("r") + std::to_string(i), "");

    log.trim_through(4);
    const auto state = log.state();
    CHECK(state.first_sequence == 5);
    CHECK(state.messages == 3);  // r5, r6 and the record of the trim
    try {
        log.follow(2);
        FAIL("following trimmed records did not throw");
    } catch (const braid::Error& error) {
        CHECK(error.type() == "log_trimmed");
        CHECK(error.kind() == braid::ErrorKind::not_found);
    }
    CHECK_THROWS_AS(log.follow(4, 1), braid::Error);
    const auto cursor = log.follow(5);
    const auto records = read_all(*cursor, 2);
    REQUIRE(records.size() == 2);
    CHECK(records[0].payload == "r5");
    CHECK(records[1].payload == "r6");
    CHECK_FALSE(cursor->next(100ms).has_value());  // trim records are not log records

    // One shard's trim leaves the other shard's records, and its followers.
    log.shard_log(0)->trim_through(6);  // r6 is shard 0, r5 shard 1
    const auto shard_one = log.follow(5, 1);
    const auto kept = read_all(*shard_one, 1);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].payload == "r5");
    CHECK_THROWS_AS(log.follow(5, 0), braid::Error);
    CHECK_THROWS_AS(log.follow(5), braid::Error);  // every shard: shard 0's r6 is gone
    CHECK_NOTHROW(log.follow(7));
}

TEST_CASE("a trim of one shard does not refuse followers of another shard", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsConnection connection(options_for({server.url()}));
    JetStreamLog log(connection, {"docs", 1, 120s});
    log.append(0, "a", "");
    log.append(1, "b", "");
    log.trim_through(1, 0);
    CHECK(log.state().first_sequence == 2);  // the stream's first record is gone, but it was shard 0's
    const auto cursor = log.shard_log(1)->follow(1);
    const auto records = read_all(*cursor, 1);
    REQUIRE(records.size() == 1);
    CHECK(records[0].payload == "b");
    try {
        log.shard_log(0)->follow(1);
        FAIL("following shard 0's trimmed record did not throw");
    } catch (const braid::Error& error) {
        CHECK(error.type() == "log_trimmed");
        CHECK(std::string(error.what()).find("braid.docs.trim.0") != std::string::npos);
    }
}

TEST_CASE("connecting where no NATS server listens fails with a clear error", "[cluster][jetstream]") {
    const std::string url = "nats://127.0.0.1:" + std::to_string(braid::test_support::free_loopback_port());
    NatsOptions options = options_for({url});
    options.connect_timeout = 500ms;
    try {
        NatsConnection connection(options);
        FAIL("connected to nothing");
    } catch (const braid::Error& error) {
        CHECK(error.kind() == braid::ErrorKind::unavailable);
        CHECK(std::string(error.what()).find(url) != std::string::npos);
    }
    CHECK_THROWS_AS(NatsConnection(NatsOptions{}), braid::Error);
}

TEST_CASE("a 3-server R3 stream loses no acknowledged record when its leader is killed", "[cluster][jetstream][raft]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats-cluster");
    auto servers = braid::test_support::start_nats_cluster(dir.path());
    std::vector<std::string> urls;
    for (const auto& server : servers) urls.push_back(server->url());
    NatsConnection connection(options_for(urls));

    // The JetStream meta group elects its leader after the servers are up: retry until it can place R3.
    std::unique_ptr<JetStreamLog> log;
    REQUIRE(braid::test_support::eventually([&] { log = std::make_unique<JetStreamLog>(connection, braid::cluster::StreamSpec{"docs", 3, 120s}); return true; }, 20s));

    // A writer as braid's will be: retry a record until acknowledged, with the same id.
    std::set<std::uint64_t> acknowledged;
    const auto write = [&](int i) {
        std::uint64_t sequence = 0;
        const bool done = braid::test_support::eventually(
            [&] { sequence = log->append(static_cast<std::uint32_t>(i % 3), "doc " + std::to_string(i), "w:" + std::to_string(i)).sequence; return true; },
            20s);
        REQUIRE(done);
        acknowledged.insert(sequence);
    };
    for (int i = 0; i < 40; ++i) write(i);
    std::string leader;
    REQUIRE(braid::test_support::eventually([&] { leader = log->state().leader; return !leader.empty(); }, 10s));
    bool killed = false;
    for (auto& server : servers) {
        if (server->spec().name == leader) {
            server->kill();
            killed = true;
        }
    }
    REQUIRE(killed);
    for (int i = 40; i < 80; ++i) write(i);

    CHECK(acknowledged.size() == 80);
    std::string new_leader;
    REQUIRE(braid::test_support::eventually([&] { new_leader = log->state().leader; return !new_leader.empty(); }, 10s));
    CHECK(new_leader != leader);
    // Creating the consumer may time out while the meta group still counts the dead server as a
    // place for it: a follower retries, as here.
    std::unique_ptr<braid::cluster::LogCursor> cursor;
    REQUIRE(braid::test_support::eventually([&] { cursor = log->follow(1); return true; }, 20s));
    const auto records = read_all(*cursor, 80);
    REQUIRE(records.size() == 80);
    std::set<std::string> payloads;
    std::uint64_t previous = 0;
    for (const auto& record : records) {
        CHECK(record.sequence > previous);
        previous = record.sequence;
        CHECK(acknowledged.count(record.sequence) == 1);
        payloads.insert(record.payload);
    }
    CHECK(payloads.size() == 80);  // each document once: retries were de-duplicated
    CHECK_FALSE(cursor->next(200ms).has_value());
}

TEST_CASE("more replicas than the NATS servers can place is refused and the error names the stream", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsConnection connection(options_for({server.url()}));
    try {
        JetStreamLog log(connection, {"docs", 3, 120s});
        FAIL("an R3 stream was made on one server");
    } catch (const braid::Error& error) {
        INFO(error.what());
        CHECK(std::string(error.what()).find("braid_docs") != std::string::npos);
        CHECK(std::string(error.what()).find("replicas 3") != std::string::npos);
    }
    CHECK_THROWS_AS(JetStreamLog(connection, {"docs", 0, 120s}), braid::Error);
}
