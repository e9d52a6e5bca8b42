// JetStreamBatchPublisher against a real nats-server: many records in flight at once, outcomes in
// publish order; a record whose message id the stream already holds (a retry) is stored once; a
// record the server refuses fails alone; a cursor reads back what was received without waiting.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cluster/jetstream_batch_publisher.hpp"
#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "core/error.hpp"
#include "tests/support/nats_server.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using braid::cluster::JetStreamBatchPublisher;
using braid::cluster::JetStreamLog;
using braid::cluster::NatsConnection;
using braid::cluster::NatsOptions;
using braid::test_support::NatsServer;
using namespace std::chrono_literals;

TEST_CASE("a batch of asynchronous publishes answers in publish order, duplicates once, failures alone", "[cluster][jetstream]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-nats");
    NatsServer server({"solo", dir.path(), 0, 0, {}});
    NatsOptions options;
    options.urls = {server.url()};
    NatsConnection connection(options);
    JetStreamLog log(connection, {"docs", 1, 120s});
    const auto before = log.append(1, "already here", "writer.7").sequence;

    JetStreamBatchPublisher publisher(log);
    for (int i = 0; i < 5000; ++i) {
        if (i == 1234) publisher.publish(0, std::string(2u << 20, 'x'), "big");  // over the 1 MiB max_payload
        else if (i == 2000) publisher.publish(1, "retried", "writer.7");         // the id of a stored record
        else publisher.publish(static_cast<std::uint32_t>(i % 3), "record " + std::to_string(i), "w." + std::to_string(i));
    }
    const auto outcomes = publisher.finish();
    REQUIRE(outcomes.size() == 5000);
    std::uint64_t previous = before;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        INFO(i);
        if (i == 1234) {
            REQUIRE(outcomes[i].error);
            CHECK(outcomes[i].error->kind() == braid::ErrorKind::payload_too_large);
            continue;
        }
        REQUIRE_FALSE(outcomes[i].error);
        if (i == 2000) {
            CHECK(outcomes[i].sequence == before);  // the first copy's: nothing stored again
            continue;
        }
        CHECK(outcomes[i].sequence > previous);  // the stream stored them in publish order
        previous = outcomes[i].sequence;
    }
    CHECK(log.state().messages == 4999);  // 1 + 5,000 - the refused one - the duplicate

    // Read back: next(0ms) takes what already arrived and never waits.
    auto cursor = log.follow(before + 1);
    auto first = cursor->next(5s);
    REQUIRE(first);
    CHECK(first->payload == "record 0");
    std::size_t read = 1, without_waiting = 0;
    while (read < 4998) {
        auto record = cursor->next(0ms);  // only what already arrived
        if (record) ++without_waiting;
        else record = cursor->next(5s);
        if (!record) break;
        ++read;
    }
    CHECK(without_waiting > 0);
    CHECK(read == 4998);
    CHECK_FALSE(cursor->next(0ms));
}
