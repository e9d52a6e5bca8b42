// A damaged write-ahead log: a torn tail, garbage after the last record, a flipped byte inside.
// The server must start, keep every record before the damage, and say what it cut on stderr.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/durability/durability_support.hpp"

namespace braid::durability {
namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kNoSnapshots = 1ull << 40;
constexpr int kDocs = 30;

std::string doc_id(int n) { return std::string("d").append(std::to_string(n)); }

void put_documents(std::uint16_t port, int from, int to) {
    HttpClient client(port);
    for (int n = from; n < to; ++n) {
        const HttpResponse r = client.put(std::string("/collections/") + kCollection + "/documents/" + doc_id(n),
                                          document_json(doc_id(n), 1));
        REQUIRE(r.status == 201);
    }
}

// The segment and record that journaled document `id` (its id appears as a JSON string).
struct Located {
    fs::path segment;
    LogRecordSpan record;
};
Located locate(const fs::path& data_dir, const std::string& id) {
    const std::string needle = "\"" + id + "\"";
    for (const auto& segment : wal_segments(data_dir)) {
        for (const auto& record : log_records(segment)) {
            if (record.payload.find(needle) != std::string::npos) return {segment, record};
        }
    }
    FAIL("no log record holds document " << id);
    return {};
}

void require_present(HttpClient& client, int from, int to) {
    for (int n = from; n < to; ++n) {
        INFO("document " << doc_id(n));
        REQUIRE(stored_version(client, kCollection, doc_id(n)) == 1);
    }
}

void require_absent(HttpClient& client, int from, int to) {
    for (int n = from; n < to; ++n) {
        INFO("document " << doc_id(n));
        REQUIRE_FALSE(stored_version(client, kCollection, doc_id(n)).has_value());
    }
}

}  // namespace

TEST_CASE("a torn log tail is cut off and reported, earlier writes survive", "[durability][log]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoSnapshots);
    {
        BraidServer server(home.config_file(), home.serve_options("write"));
        put_documents(server.port(), 0, kDocs);
        server.kill_hard();
    }
    const Located last = locate(home.data_dir(), doc_id(kDocs - 1));
    const std::string segment_name = last.segment.filename().string();

    SECTION("the last record cut in the middle") {
        fs::resize_file(last.segment, last.record.offset + last.record.size / 2);
        BraidServer server(home.config_file(), home.serve_options("restart"));
        HttpClient client(server.port());
        require_present(client, 0, kDocs - 1);
        require_absent(client, kDocs - 1, kDocs);
        const std::string err = server.stderr_text();
        INFO("stderr: " << err);
        CHECK(err.find(segment_name) != std::string::npos);
        CHECK(listed_documents(client, kCollection) == std::size_t{kDocs - 1});

        // The log is usable after the cut: new writes land after the last good record and survive.
        put_documents(server.port(), kDocs, kDocs + 5);
        server.kill_hard();
        BraidServer again(home.config_file(), home.serve_options("again"));
        HttpClient client2(again.port());
        require_present(client2, 0, kDocs - 1);
        require_present(client2, kDocs, kDocs + 5);
        CHECK(listed_documents(client2, kCollection) == std::size_t{kDocs + 4});
    }
    SECTION("garbage appended after the last record") {
        std::string bytes = read_bytes(last.segment);
        REQUIRE(bytes.size() == last.record.offset + last.record.size);
        bytes += std::string("BWAL\x10\x00\x00\x00garbage-that-is-not-a-record", 36);
        write_bytes(last.segment, bytes);
        BraidServer server(home.config_file(), home.serve_options("restart"));
        HttpClient client(server.port());
        require_present(client, 0, kDocs);
        const std::string err = server.stderr_text();
        INFO("stderr: " << err);
        CHECK(err.find(segment_name) != std::string::npos);
        CHECK(listed_documents(client, kCollection) == std::size_t{kDocs});
    }
}

TEST_CASE("a flipped byte inside the log is reported and the records before it are kept", "[durability][log]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoSnapshots);
    {
        BraidServer server(home.config_file(), home.serve_options("write"));
        put_documents(server.port(), 0, kDocs);
        server.kill_hard();
    }
    constexpr int kDamaged = kDocs / 2;
    const Located damaged = locate(home.data_dir(), doc_id(kDamaged));
    flip_byte(damaged.segment, damaged.record.offset + damaged.record.size - 10);  // inside the payload

    BraidServer server(home.config_file(), home.serve_options("restart"));
    HttpClient client(server.port());
    require_present(client, 0, kDamaged);
    // Nothing after a damaged record can be trusted to follow it: replay stops there.
    require_absent(client, kDamaged, kDocs);
    const std::string err = server.stderr_text();
    INFO("stderr: " << err);
    CHECK(err.find(damaged.segment.filename().string()) != std::string::npos);
    CHECK(listed_documents(client, kCollection) == std::size_t{kDamaged});
    // Searches run on what was recovered.
    CHECK(search_ids(client, kCollection, lexical_search_body(unique_word(doc_id(3), 1), 3)).front() == doc_id(3));
}

}  // namespace braid::durability
