// SIGKILL during heavy ingestion, several rounds on one data folder: every acknowledged write
// must survive each restart, every acknowledged delete must stay deleted.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include <boost/json/value.hpp>

#include "tests/durability/ack_ledger.hpp"
#include "tests/durability/durability_support.hpp"

namespace braid::durability {
namespace {

constexpr int kThreads = 4;
constexpr int kIdsPerThread = 500;
constexpr int kBulkSize = 200;
constexpr int kRounds = 4;

std::string id_of(int thread, int n) {
    return std::string("t").append(std::to_string(thread)).append("-").append(std::to_string(n));
}
std::string doc_path(const std::string& id) { return std::string("/collections/") + kCollection + "/documents/" + id; }

// What the writers of one round have done, for the test to wait on instead of sleeping.
class RoundProgress {
public:
    explicit RoundProgress(int writers) : running_(writers) {}
    void acknowledged(std::size_t n) {
        std::lock_guard lock(mutex_);
        acknowledged_ += n;
        changed_.notify_all();
    }
    void writer_done() {
        std::lock_guard lock(mutex_);
        --running_;
        changed_.notify_all();
    }
    // Returns the count once it reached `target`, or earlier when every writer has stopped.
    std::size_t wait_for(std::size_t target) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return acknowledged_ >= target || running_ == 0; });
        return acknowledged_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t acknowledged_ = 0;
    int running_;
};

// One client thread: writes only its own ids, one request at a time, until the server dies.
class Writer {
public:
    Writer(int thread, std::uint32_t seed) : thread_(thread), rng_(seed) {}

    void run(std::uint16_t port, const std::atomic<bool>& stop, RoundProgress& progress) {
        HttpClient client(port);
        try {
            while (!stop.load()) {
                const std::size_t before = ledger_.acknowledged_writes();
                step(client);
                progress.acknowledged(ledger_.acknowledged_writes() - before);
            }
        } catch (const TransportError&) {
            // The server was killed: the request in flight stays "in doubt" in the ledger.
        }
        progress.writer_done();
    }

    AckLedger& ledger() { return ledger_; }
    std::vector<std::string> take_unexpected() { return std::exchange(unexpected_, {}); }

private:
    void step(HttpClient& client) {
        const unsigned dice = rng_() % 100;
        if (dice < 20) bulk(client);
        else if (dice < 55) upsert(client, random_id());
        else if (dice < 75) remove(client, random_id());
        else replace(client);
    }

    std::string random_id() { return id_of(thread_, static_cast<int>(rng_() % kIdsPerThread)); }

    void upsert(HttpClient& client, const std::string& id) {
        const int version = ++version_;
        ledger_.sent(id, version);
        const HttpResponse r = client.put(doc_path(id), document_json(id, version));
        if (r.status == 200 || r.status == 201) {
            const bool was_present = ledger_.acknowledged_state(id).has_value();
            ledger_.acknowledged(id, version);
            if ((r.status == 200) != was_present) {
                unexpected_.push_back("PUT " + id + " answered " + std::to_string(r.status) +
                                      " but it was " + (was_present ? "present" : "absent"));
            }
        } else {
            unexpected_.push_back("PUT " + id + ": " + std::to_string(r.status) + " " + r.body);
        }
    }

    void remove(HttpClient& client, const std::string& id) {
        ledger_.sent(id, std::nullopt);
        const HttpResponse r = client.del(doc_path(id));
        if (r.status == 200 || r.status == 404) {
            const bool was_present = ledger_.acknowledged_state(id).has_value();
            if ((r.status == 200) != was_present) {
                unexpected_.push_back("DELETE " + id + " answered " + std::to_string(r.status) + " but it was " +
                                      (was_present ? "present" : "absent"));
            }
            ledger_.acknowledged(id, std::nullopt);
        } else {
            unexpected_.push_back("DELETE " + id + ": " + std::to_string(r.status) + " " + r.body);
        }
    }

    void replace(HttpClient& client) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            const std::string id = random_id();
            if (ledger_.acknowledged_state(id)) return upsert(client, id);
        }
        upsert(client, random_id());
    }

    void bulk(HttpClient& client) {
        std::set<int> picked;
        while (picked.size() < kBulkSize) picked.insert(static_cast<int>(rng_() % kIdsPerThread));
        std::string body;
        std::vector<std::pair<std::string, int>> lines;
        for (const int n : picked) {
            const std::string id = id_of(thread_, n);
            const int version = ++version_;
            ledger_.sent(id, version);
            lines.emplace_back(id, version);
            body += document_json(id, version) + "\n";
        }
        const HttpResponse r = client.post(std::string("/collections/") + kCollection + "/documents/_bulk", body,
                                           "application/x-ndjson");
        if (!r.ok()) {
            unexpected_.push_back("bulk: " + std::to_string(r.status) + " " + r.body.substr(0, 300));
            return;
        }
        const boost::json::value answer = parse_json(r.body);
        if (answer.at("indexed").to_number<std::size_t>() != lines.size() || answer.at("failed").to_number<std::size_t>() != 0) {
            unexpected_.push_back("bulk answered " + r.body.substr(0, 300));
            return;
        }
        for (const auto& [id, version] : lines) ledger_.acknowledged(id, version);
    }

    int thread_;
    std::mt19937 rng_;
    int version_ = 0;
    AckLedger ledger_;
    std::vector<std::string> unexpected_;
};

struct Verification {
    std::vector<std::string> mismatches;
    std::size_t present = 0;
    std::size_t checked = 0;
};

// Reads every id the writers touched and compares with what they were told; then settles the
// ledgers on what the server holds.
Verification verify_documents(HttpClient& client, std::vector<Writer>& writers) {
    Verification v;
    for (auto& writer : writers) {
        std::vector<std::pair<std::string, DocState>> stored_states;
        for (const auto& [id, history] : writer.ledger().ids()) {
            const DocState stored = stored_version(client, kCollection, id);
            stored_states.emplace_back(id, stored);
            ++v.checked;
            if (stored) ++v.present;
            if (!history.allows(stored) && v.mismatches.size() < 20) {
                std::string allowed = describe(history.acknowledged);
                for (const auto& s : history.in_doubt) allowed += " or (unacknowledged) " + describe(s);
                v.mismatches.push_back(id + ": server has " + describe(stored) + ", expected " + allowed);
            }
        }
        for (const auto& [id, state] : stored_states) writer.ledger().settle(id, state);
    }
    return v;
}

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
        // The kill lands after a random number of acknowledged writes (not after a sleep, which on
        // a loaded machine may see none): somewhere in bulk loads, snapshots or log rotations.
        const std::size_t kill_after = 50 + rng() % 1500;
        RoundProgress progress(kThreads);
        std::atomic<bool> stop{false};
        std::vector<std::thread> threads;
        for (auto& w : writers)
            threads.emplace_back([&w, &server, &stop, &progress] { w.run(server.port(), stop, progress); });
        const std::size_t acknowledged = progress.wait_for(kill_after);
        server.kill_hard();
        stop = true;
        for (auto& t : threads) t.join();
        for (auto& w : writers) {
            for (const auto& problem : w.take_unexpected()) FAIL_CHECK(problem);
        }
        REQUIRE(acknowledged >= kill_after);  // else the writers stopped early: the round wrote too little
    }
}

}  // namespace braid::durability
