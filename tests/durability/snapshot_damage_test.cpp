// A damaged newest snapshot: the server reports the file, falls back to the previous snapshot
// plus the log, and loses nothing that was acknowledged.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/durability/durability_support.hpp"

namespace braid::durability {
namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kNoBackgroundSnapshots = 1ull << 40;
constexpr int kPerPhase = 12;

void put_phase(std::uint16_t port, const std::string& prefix) {
    HttpClient client(port);
    for (int n = 0; n < kPerPhase; ++n) {
        const std::string id = prefix + std::to_string(n);
        REQUIRE(client.put(std::string("/collections/") + kCollection + "/documents/" + id, document_json(id, 1)).ok());
    }
    // One delete per phase, so a lost log shows as a resurrected document too.
    REQUIRE(client.del(std::string("/collections/") + kCollection + "/documents/" + prefix + "0").status == 200);
}

// The biggest file of a snapshot other than its MANIFEST (the index data).
fs::path biggest_data_file(const fs::path& snapshot) {
    fs::path best;
    std::uintmax_t best_size = 0;
    for (const auto& entry : fs::recursive_directory_iterator(snapshot)) {
        if (!entry.is_regular_file() || entry.path().filename() == "MANIFEST") continue;
        if (entry.file_size() > best_size) best = entry.path(), best_size = entry.file_size();
    }
    return best;
}

}  // namespace

TEST_CASE("a damaged newest snapshot falls back to the previous one plus the log", "[durability][snapshot]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoBackgroundSnapshots);
    for (const std::string phase : {"a", "b"}) {  // each ends with a clean stop, which writes a snapshot
        BraidServer server(home.config_file(), home.serve_options(phase));
        put_phase(server.port(), phase);
        REQUIRE(server.terminate() == 0);
    }
    {
        BraidServer server(home.config_file(), home.serve_options("c"));
        put_phase(server.port(), "c");
        server.kill_hard();
    }
    const auto snapshots = snapshot_dirs(home.data_dir());
    REQUIRE(snapshots.size() >= 2);
    const fs::path damaged = biggest_data_file(snapshots.back());
    REQUIRE_FALSE(damaged.empty());
    flip_byte(damaged, fs::file_size(damaged) / 2);

    BraidServer server(home.config_file(), home.serve_options("restart"));
    const std::string err = server.stderr_text();
    INFO("damaged " << damaged << "\nstderr: " << err);
    CHECK(err.find(damaged.filename().string()) != std::string::npos);
    HttpClient client(server.port());
    for (const std::string phase : {"a", "b", "c"}) {
        INFO("phase " << phase);
        CHECK_FALSE(stored_version(client, kCollection, phase + "0").has_value());
        for (int n = 1; n < kPerPhase; ++n) CHECK(stored_version(client, kCollection, phase + std::to_string(n)) == 1);
    }
    CHECK(listed_documents(client, kCollection) == std::size_t{3 * (kPerPhase - 1)});
    const auto hits = search_ids(client, kCollection, lexical_search_body(unique_word("b5", 1), 3));
    CHECK((!hits.empty() && hits.front() == "b5"));
}

}  // namespace braid::durability
