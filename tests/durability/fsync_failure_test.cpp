// What braid does when the disk fails a sync, and how many syncs its writes need, as seen from
// outside: the preloaded recorder (tests/durability/interposer) injects the failure and counts
// the fdatasync calls, and the data folder is rebuilt as a power cut right afterwards would leave
// it, keeping nothing a successful sync did not cover.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include <boost/json/value.hpp>

#include "tests/durability/durability_support.hpp"
#include "tests/durability/ledger_writer.hpp"
#include "tests/durability/power_loss_model.hpp"

namespace braid::durability {
namespace {

namespace fs = std::filesystem;

constexpr int kClients = 16;
constexpr std::uint64_t kNoSnapshots = 1ull << 40;  // the log only: every sync is a log sync
constexpr const char* kWalFiles = "/wal/wal-";

struct Answer {
    std::string id;
    int status = 0;  // 0: no answer (transport failure)
    std::string error_type;
    bool sent_after_a_failure = false;  // another client had already been answered 5xx
};

test_support::ServeOptions recorded(const ServerHome& home, const std::string& label, const fs::path& log,
                                    const fs::path& root, const test_support::Environment& extra = {}) {
    test_support::ServeOptions options = home.serve_options(label);
    options.env["LD_PRELOAD"] = BRAID_FS_RECORDER;
    options.env[fsrec::kLogEnv] = log.string();
    options.env[fsrec::kRootEnv] = root.string();
    const char* asan = std::getenv("ASAN_OPTIONS");
    options.env["ASAN_OPTIONS"] = std::string(asan != nullptr && *asan ? std::string(asan) + ":" : "") +
                                  "verify_asan_link_order=0";
    for (const auto& [name, value] : extra) options.env[name] = value;
    return options;
}

// kClients threads, each PUTting new documents (version 1) one at a time until it has sent one
// after some client was answered 5xx, or `per_client` of them. Writing on until the failure is
// seen matters: group commit can cover many writes per sync, so a fixed count of writes may need
// fewer syncs than the number of the one that fails.
std::vector<Answer> put_concurrently(std::uint16_t port, int per_client) {
    std::vector<Answer> answers;
    std::mutex answers_mutex;
    std::atomic<bool> failure_seen{false};
    std::vector<std::thread> threads;
    for (int c = 0; c < kClients; ++c) {
        threads.emplace_back([&, c] {
            HttpClient client(port);
            bool sent_after_failure = false;
            for (int i = 0; i < per_client && !sent_after_failure; ++i) {
                Answer a;
                a.id = writer_id(c, i);
                a.sent_after_a_failure = sent_after_failure = failure_seen.load();
                try {
                    const HttpResponse r = client.put(document_path(a.id), document_json(a.id, 1));
                    a.status = r.status;
                    if (r.status >= 400) a.error_type = parse_json(r.body).at("error").at("type").as_string().c_str();
                    if (r.status >= 500) failure_seen = true;
                } catch (const TransportError&) {
                }
                std::lock_guard lock(answers_mutex);
                answers.push_back(std::move(a));
            }
        });
    }
    for (auto& t : threads) t.join();
    return answers;
}

// Rebuilds `data` from the recorded events keeping only what successful syncs covered.
void cut_power_keeping_only_synced(const fs::path& data, PowerLossModel& model, const std::vector<FsEvent>& events) {
    for (const FsEvent& e : events) model.apply(e);
    const fs::path image = data.parent_path() / "image-after-power-loss";
    std::mt19937_64 unused(0);
    const RebuildSummary summary = model.rebuild(image, Survival::none, unused);
    INFO("image: " << summary.describe());
    fs::remove_all(data);
    fs::rename(image, data);
}

bool acknowledged(const Answer& a) { return a.status == 200 || a.status == 201; }

}  // namespace

TEST_CASE("fsync failure: writes waiting on a failed log sync are answered 5xx, and no later write is acknowledged",
          "[durability][power-loss][fsync-failure]") {
    std::random_device random;
    const unsigned failing_sync = 10 + random() % 40;
    INFO("the log's fdatasync number " << failing_sync << " fails with EIO");
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoSnapshots, kClients);
    fs::create_directories(home.data_dir());
    const fs::path data = fs::canonical(home.data_dir());
    const fs::path log = home.root() / "events.log";
    PowerLossModel model(data);

    std::vector<Answer> answers;
    {
        test_support::BraidServer server(
            home.config_file(), recorded(home, "faulty", log, data,
                                         {{fsrec::kFailSyncEnv, std::to_string(failing_sync)},
                                          {fsrec::kFailSyncMatchEnv, kWalFiles}}));
        answers = put_concurrently(server.port(), 400);
        INFO("braid's stderr:\n" << server.stderr_text());
        HttpClient client(server.port());
        // Reads go on; writes are refused until a restart.
        for (const Answer& a : answers) {
            if (acknowledged(a)) {
                CHECK(stored_version(client, kCollection, a.id) == 1);
                break;
            }
        }
        const HttpResponse late = client.put(document_path("late"), document_json("late", 1));
        CHECK(late.status == 500);
        CHECK(parse_json(late.body).at("error").at("type").as_string() == "journal_failed");
        server.kill_hard();
    }
    const std::vector<FsEvent> events = read_event_log(log);
    std::size_t injected = 0;
    for (const FsEvent& e : events) injected += (e.header.flags & fsrec::event_flags::injected) ? 1 : 0;
    REQUIRE(injected == 1);

    std::size_t ok = 0, failed = 0;
    for (const Answer& a : answers) {
        INFO("PUT " << a.id << " answered " << a.status << " " << a.error_type);
        CHECK((acknowledged(a) || a.status == 500));
        if (a.status >= 500) {
            ++failed;
            CHECK(a.error_type == "journal_failed");
        }
        if (acknowledged(a)) ++ok;
        // Once any client was told of the failure, nothing sent afterwards is acknowledged.
        if (a.sent_after_a_failure) CHECK_FALSE(acknowledged(a));
    }
    std::cout << "fsync failure at log sync " << failing_sync << ": " << ok << " writes acknowledged before it, "
              << failed << " answered 500 journal_failed" << std::endl;
    CHECK(ok > 0);
    CHECK(failed > 0);  // at least the writes that waited on the failed sync

    // Every acknowledged write was covered by a sync that did succeed: a power cut keeps it.
    cut_power_keeping_only_synced(data, model, events);
    test_support::BraidServer restarted(home.config_file(), home.serve_options("restarted"));
    INFO("braid's stderr after the restart:\n" << restarted.stderr_text());
    HttpClient client(restarted.port());
    for (const Answer& a : answers) {
        if (!acknowledged(a)) continue;
        INFO("acknowledged " << a.id);
        CHECK(stored_version(client, kCollection, a.id) == 1);
    }
    CHECK(client.put(document_path("after-restart"), document_json("after-restart", 1)).status == 201);
}

TEST_CASE("group commit: 16 concurrent writers need fewer log fdatasyncs than records, each record still synced",
          "[durability][power-loss][group-commit]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoSnapshots, kClients);
    fs::create_directories(home.data_dir());
    const fs::path data = fs::canonical(home.data_dir());
    const fs::path log = home.root() / "events.log";
    PowerLossModel model(data);
    constexpr int kPerClient = 25;

    std::vector<Answer> answers;
    {
        test_support::BraidServer server(home.config_file(), recorded(home, "group", log, data));
        answers = put_concurrently(server.port(), kPerClient);
        server.kill_hard();
    }
    std::size_t ok = 0;
    for (const Answer& a : answers) ok += acknowledged(a) ? 1 : 0;
    REQUIRE(ok == kClients * kPerClient);
    const std::vector<FsEvent> events = read_event_log(log);
    const std::size_t syncs = count_syncs(events, kWalFiles);
    std::cout << "group commit: " << ok << " records from " << kClients << " concurrent writers took " << syncs
              << " log syncs" << std::endl;
    CHECK(syncs > 0);
    CHECK(syncs < ok);

    // Fewer syncs, yet each acknowledged record was covered by one: a power cut keeps them all.
    cut_power_keeping_only_synced(data, model, events);
    test_support::BraidServer restarted(home.config_file(), home.serve_options("restarted"));
    HttpClient client(restarted.port());
    CHECK(listed_documents(client, kCollection) == ok);
    for (const Answer& a : answers) {
        INFO("acknowledged " << a.id);
        CHECK(stored_version(client, kCollection, a.id) == 1);
    }
}

}  // namespace braid::durability
