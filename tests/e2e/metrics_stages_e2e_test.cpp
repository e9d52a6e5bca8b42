// The metrics beyond HTTP: search stage latencies, the journal (appends, bytes, fsync latency,
// group-commit size) and snapshots, counted exactly on a live server and checked by promtool.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;

namespace {

// The value of the sample `series` (name and labels as rendered), or -1 when absent.
double sample(const std::string& text, const std::string& series) {
    const std::string start = series + " ";
    for (std::size_t at = text.find(start); at != std::string::npos; at = text.find(start, at + 1)) {
        if (at == 0 || text[at - 1] == '\n') return std::stod(text.substr(at + start.size()));
    }
    return -1;
}

std::string stage(const std::string& name, const std::string& suffix = "_count") {
    return "braid_search_stage_duration_seconds" + suffix + "{stage=\"" + name + "\"}";
}

void check_promtool(const TempDir& dir, const std::string& text) {
    const auto file = dir.write("metrics.txt", text);
    const std::string check = "promtool check metrics < " + file.string() + " > " + (dir / "promtool.out").string() + " 2>&1";
    const int status = std::system(check.c_str());
    std::ifstream said(dir / "promtool.out");
    INFO(std::string(std::istreambuf_iterator<char>(said), {}));
    CHECK(status == 0);
}

}  // namespace

TEST_CASE("/metrics times each search stage that ran", "[e2e][metrics]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    REQUIRE(c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(20), "application/x-ndjson").status == 200);
    const std::string vector = boost::json::serialize(embedding_of(3));
    REQUIRE(c.request("POST", "/collections/docs/search", R"({"query": "cat", "explain": true})").status == 200);
    REQUIRE(c.request("POST", "/collections/docs/search", R"({"query": "cat garden", "vector": )" + vector + "}").status == 200);
    REQUIRE(c.request("POST", "/collections/docs/search", R"({"vector": )" + vector + R"(, "k": 3})").status == 200);
    REQUIRE(c.request("POST", "/collections/docs/search", R"({"query": "cat", "k": 0})").status == 400);  // not run

    const auto answer = c.request("GET", "/metrics");
    REQUIRE(answer.status == 200);
    const std::string& text = answer.body;
    INFO(text);
    CHECK(sample(text, stage("analyze")) == 3);
    CHECK(sample(text, stage("lexical")) == 2);  // lexical and hybrid
    CHECK(sample(text, stage("dense")) == 2);    // hybrid and dense
    CHECK(sample(text, stage("fusion")) == 1);   // hybrid only
    CHECK(sample(text, stage("fetch")) == 3);
    CHECK(sample(text, stage("embed")) == 0);    // no embedder configured: shown, never observed
    CHECK(sample(text, stage("rerank")) == 0);
    CHECK(sample(text, stage("lexical", "_sum")) > 0);
    CHECK(sample(text, "braid_search_stage_duration_seconds_bucket{stage=\"fusion\",le=\"+Inf\"}") == 1);
    check_promtool(dir, text);
}

TEST_CASE("/metrics counts journal appends, bytes, fsyncs, group commits and snapshots", "[e2e][metrics]") {
    TempDir dir;
    // A snapshot starts in the background once the log holds this many bytes.
    BraidServer server(dir.write("braid.json", test_config(R"(, "snapshot_every_bytes": 600)")));
    Client c("127.0.0.1", server.port());
    const auto before = c.request("GET", "/metrics").body;
    CHECK(sample(before, "braid_journal_appends_total") == 0);
    CHECK(sample(before, "braid_snapshots_total{result=\"ok\"}") == 0);

    // One record per write; each becomes durable by exactly one fsync, so the group-commit sizes
    // add up to the records whatever the grouping.
    for (int i = 0; i < 3; ++i) {
        std::string id = "m";  // appended, not "m" + ...: GCC 12 warns wrongly on that
        id += std::to_string(i);
        REQUIRE(c.request("PUT", "/collections/docs/documents/" + id, R"({"title": "journal metrics )" + id + "\"}").status == 201);
    }
    REQUIRE(c.request("DELETE", "/collections/docs/documents/m0").status == 200);
    std::string text = c.request("GET", "/metrics").body;
    INFO(text);
    CHECK(sample(text, "braid_journal_appends_total") == 4);
    CHECK(sample(text, "braid_journal_appended_bytes_total") > 4 * 20);
    CHECK(sample(text, "braid_journal_group_commit_records_sum") == 4);
    const double fsyncs = sample(text, "braid_journal_fsync_duration_seconds_count");
    CHECK(fsyncs >= 1);
    CHECK(fsyncs <= 4);
    CHECK(sample(text, "braid_journal_group_commit_records_count") == fsyncs);
    CHECK(sample(text, "braid_journal_fsync_duration_seconds_sum") > 0);

    // The log passed 600 bytes: a background snapshot was started; wait for it to be counted.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (sample(text, "braid_snapshots_total{result=\"ok\"}") < 1 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polls the live server
        text = c.request("GET", "/metrics").body;
    }
    CHECK(sample(text, "braid_snapshots_total{result=\"ok\"}") >= 1);
    CHECK(sample(text, "braid_snapshots_total{result=\"failed\"}") == 0);
    CHECK(sample(text, "braid_snapshot_duration_seconds_count") == sample(text, "braid_snapshots_total{result=\"ok\"}"));
    check_promtool(dir, text);
}
