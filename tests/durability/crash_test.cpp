// SIGKILL during heavy ingestion, several rounds on one data folder: every acknowledged write
// must survive each restart, every acknowledged delete must stay deleted.
#include <catch2/catch.hpp>

#include <atomic>
#include <random>
#include <thread>

#include <boost/json/value.hpp>

#include "tests/durability/ack_ledger.hpp"
#include "tests/durability/durability_support.hpp"
#include "tests/durability/ledger_writer.hpp"

namespace braid::durability {
namespace {

constexpr int kThreads = 4;
constexpr int kRounds = 4;

// Searches find acknowledged documents by a word and by their vector; deleted ones are not found.
void verify_searches(HttpClient& client, std::vector<Writer>& writers, std::mt19937& rng) {
    std::size_t lexical = 0, dense_checked = 0, dense_found = 0, deleted_checked = 0;
    for (auto& writer : writers) {
        std::vector<std::pair<std::string, IdHistory>> ids(writer.ledger().ids().begin(), writer.ledger().ids().end());
        std::shuffle(ids.begin(), ids.end(), rng);
        std::size_t present_checks = 0, absent_checks = 0;
        for (const auto& [id, history] : ids) {
            if (history.acknowledged && present_checks < 8) {
                ++present_checks;
                const int version = *history.acknowledged;
                INFO("searching for " << id << " version " << version);
                const auto by_word = search_ids(client, kCollection, lexical_search_body(unique_word(id, version), 5));
                CHECK(std::find(by_word.begin(), by_word.end(), id) != by_word.end());
                ++lexical;
                const auto by_vector = search_ids(client, kCollection, vector_search_body(document_vector(id, version), 5));
                ++dense_checked;
                if (std::find(by_vector.begin(), by_vector.end(), id) != by_vector.end()) ++dense_found;
            } else if (!history.acknowledged && history.last_present && absent_checks < 4) {
                ++absent_checks;
                ++deleted_checked;
                INFO("deleted " << id << " must not be found by the word of version " << *history.last_present);
                const auto by_word = search_ids(client, kCollection, lexical_search_body(unique_word(id, *history.last_present), 5));
                CHECK(std::find(by_word.begin(), by_word.end(), id) == by_word.end());
            }
        }
    }
    CHECK(lexical > 0);
    // HNSW is approximate, but a document's own vector among ~2,000 8-d ones is found nearly always.
    CHECK(dense_found * 10 >= dense_checked * 9);
}

// Checks a freshly started server against the writers' ledgers, then settles them on it.
void verify_restart(const BraidServer& server, std::vector<Writer>& writers, std::mt19937& rng) {
    HttpClient client(server.port());
    const Verification v = verify_documents(client, writers);
    INFO("server stderr after restart:\n" << server.stderr_text());
    for (const auto& m : v.mismatches) FAIL_CHECK(m);
    REQUIRE(v.mismatches.empty());
    CHECK(listed_documents(client, kCollection) == v.present);
    verify_searches(client, writers, rng);
}

}  // namespace

TEST_CASE("acknowledged writes survive SIGKILL during heavy ingestion, round after round", "[durability][crash][slow]") {
    ServerHome home;
    // A small snapshot threshold so background snapshots run (and get killed) during ingestion.
    home.write_config({collection_schema(kCollection)}, 512 * 1024);
    std::mt19937 rng(20261125u);
    std::vector<Writer> writers;
    for (int t = 0; t < kThreads; ++t) writers.emplace_back(t, 1000u + static_cast<std::uint32_t>(t));

    // start -> (check what the previous round acknowledged) -> ingest -> SIGKILL, on one data_dir.
    for (int round = 0; round <= kRounds; ++round) {
        INFO("round " << round);
        BraidServer server(home.config_file(), home.serve_options("round" + std::to_string(round)));
        if (round > 0) verify_restart(server, writers, rng);
        if (round == kRounds) {
            // Finally a clean shutdown (which writes a snapshot) must keep everything as well.
            REQUIRE(server.terminate() == 0);
            BraidServer after_clean_stop(home.config_file(), home.serve_options("clean"));
            verify_restart(after_clean_stop, writers, rng);
            break;
        }
        std::size_t acknowledged_before = 0;
        for (auto& w : writers) acknowledged_before += w.ledger().acknowledged_writes();
        std::atomic<bool> stop{false};
        AckProgress progress;
        std::vector<std::thread> threads;
        for (auto& w : writers) {
            threads.emplace_back([&w, &server, &stop, &progress] { w.run(server.port(), stop, &progress); });
        }
        // Killed after a random number of acknowledged writes (a bulk body counts each line).
        const std::size_t kill_after = 50 + rng() % 2000;
        INFO("killed after " << kill_after << " acknowledged writes");
        progress.wait_for(kill_after, writers.size());
        server.kill_hard();
        stop = true;
        for (auto& t : threads) t.join();

        std::size_t acknowledged_after = 0;
        for (auto& w : writers) {
            acknowledged_after += w.ledger().acknowledged_writes();
            for (const auto& problem : w.take_unexpected()) FAIL_CHECK(problem);
        }
        REQUIRE(acknowledged_after >= acknowledged_before + kill_after);  // the round really wrote that much
    }
}

}  // namespace braid::durability
