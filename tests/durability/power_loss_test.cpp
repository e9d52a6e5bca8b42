// Power loss, simulated. `braid serve` runs with the file-system recorder preloaded
// (tests/durability/interposer), which kills it at a random event while clients write; the data
// folder is then rebuilt from the recorded events as a disk would hold it after a power cut
// (power_loss_model.hpp) and braid restarts on that image: every acknowledged write must be there
// and nothing acknowledged-then-deleted may be back. SIGKILL alone keeps the page cache, so a
// missing fsync passes every other crash test; here it loses data.
//
// BRAID_POWERLOSS_SEED=<n> replays a run; BRAID_POWERLOSS_ROUNDS=<n> runs exactly n rounds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include "tests/durability/durability_support.hpp"
#include "tests/durability/ledger_writer.hpp"
#include "tests/durability/power_loss_model.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BRAID_POWERLOSS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define BRAID_POWERLOSS_SANITIZED 1
#endif
#endif

namespace braid::durability {
namespace {

namespace fs = std::filesystem;

#ifdef BRAID_POWERLOSS_SANITIZED
// A sanitized braid runs several times slower: fewer rounds, each still a full power cut.
constexpr std::size_t kMinRounds = 4;
constexpr std::size_t kMaxRounds = 20;
constexpr auto kBudget = std::chrono::seconds(30);
#else
constexpr std::size_t kMinRounds = 10;
constexpr std::size_t kMaxRounds = 60;
constexpr auto kBudget = std::chrono::seconds(30);
#endif
constexpr int kWriters = 4;

std::uint64_t run_seed() {
    if (const char* s = std::getenv("BRAID_POWERLOSS_SEED")) return std::strtoull(s, nullptr, 10);
    return (static_cast<std::uint64_t>(std::random_device{}()) << 32) | std::random_device{}();
}

std::optional<std::size_t> rounds_from_env() {
    if (const char* s = std::getenv("BRAID_POWERLOSS_ROUNDS")) return std::strtoull(s, nullptr, 10);
    return std::nullopt;
}

// The environment that preloads the recorder into braid, recording under `root` into `log`.
test_support::Environment recorder_env(const fs::path& log, const fs::path& root) {
    test_support::Environment env;
    env["LD_PRELOAD"] = BRAID_FS_RECORDER;
    env[fsrec::kLogEnv] = log.string();
    env[fsrec::kRootEnv] = root.string();
    // ASan wants its runtime first among the preloaded libraries; the recorder only forwards calls.
    const char* asan = std::getenv("ASAN_OPTIONS");
    env["ASAN_OPTIONS"] = std::string(asan != nullptr ? asan : "") + (asan != nullptr && *asan ? ":" : "") +
                          "verify_asan_link_order=0";
    return env;
}

test_support::ServeOptions serve_options(const ServerHome& home, const std::string& label,
                                         test_support::Environment env) {
    test_support::ServeOptions options = home.serve_options(label);
    options.env = std::move(env);
    return options;
}

std::size_t events_before_listening(const std::vector<FsEvent>& events) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].header.type == fsrec::EventType::listening) return i;
    }
    return events.size();
}

// The kinds of event a kill can be counted in (fsrec::kKillCountsEnv): cutting after the Nth
// write or folder operation rather than the Nth event of any kind makes rounds that end with
// unsynced data or unsynced folder entries common rather than rare.
const char* const kKillKinds[] = {"all", "all", "all", "all", "write", "write", "write", "namespace", "namespace", "sync"};

bool of_kind(const FsEvent& e, const std::string& kind) {
    using fsrec::EventType;
    const EventType t = e.header.type;
    if (kind == "write") return t == EventType::write || t == EventType::truncate;
    if (kind == "sync") return t == EventType::sync_end;
    if (kind == "namespace") {
        return t == EventType::mkdir || t == EventType::rename || t == EventType::unlink ||
               (t == EventType::open && (e.header.flags & fsrec::event_flags::created));
    }
    return true;
}

// How many events of each kind the previous round had after listening (the range kills are drawn from).
std::map<std::string, std::size_t> kinds_after_listening(const std::vector<FsEvent>& events) {
    std::map<std::string, std::size_t> counts;
    for (std::size_t i = events_before_listening(events); i < events.size(); ++i) {
        for (const char* kind : {"all", "write", "namespace", "sync"}) counts[kind] += of_kind(events[i], kind) ? 1 : 0;
    }
    return counts;
}

// Replaces `data` by what a disk would hold after the power cut the recorded events end with.
RebuildSummary cut_power(const fs::path& data, PowerLossModel& model, const std::vector<FsEvent>& events,
                         Survival survival, std::mt19937_64& rng) {
    for (const FsEvent& e : events) model.apply(e);
    const fs::path image = data.parent_path() / "image-after-power-loss";
    fs::remove_all(image);
    const RebuildSummary summary = model.rebuild(image, survival, rng);
    fs::remove_all(data);
    fs::rename(image, data);
    return summary;
}

}  // namespace

TEST_CASE("power loss: acknowledged writes survive a disk image cut at a random point, round after round",
          "[durability][power-loss]") {
    const std::uint64_t seed = run_seed();
    std::cout << "power-loss seed " << seed << " (BRAID_POWERLOSS_SEED=" << seed << " replays it)" << std::endl;
    INFO("seed " << seed << " (BRAID_POWERLOSS_SEED=" << seed << " replays the choices)");
    std::mt19937_64 rng(seed);
    ServerHome home;
    // A small threshold: background snapshots (their files, renames and log drops) run all the time.
    home.write_config({collection_schema(kCollection)}, 12 * 1024);
    fs::create_directories(home.data_dir());
    const fs::path data = fs::canonical(home.data_dir());
    std::vector<Writer> writers;
    for (int t = 0; t < kWriters; ++t) {
        writers.emplace_back(t, static_cast<std::uint32_t>(rng()), WriterOptions{.ids = 60, .bulk = 12, .max_steps = 40});
    }

    const std::optional<std::size_t> fixed_rounds = rounds_from_env();
    const auto start = std::chrono::steady_clock::now();
    std::size_t rounds = 0, killed_in_startup = 0, killed_at_event = 0, documents_checked = 0, acknowledged = 0;
    std::size_t unsynced_dropped = 0, torn = 0, folder_ops_reverted = 0;
    std::size_t startup_events = 0;  // seen in the previous round
    // Until a round has run to its end: about what one has.
    std::map<std::string, std::size_t> previous_counts{{"all", 900}, {"write", 300}, {"namespace", 60}, {"sync", 300}};
    for (;; ++rounds) {
        if (fixed_rounds ? rounds >= *fixed_rounds
                         : rounds >= kMaxRounds ||
                               (rounds >= kMinRounds && std::chrono::steady_clock::now() - start > kBudget)) {
            break;
        }
        INFO("round " << rounds);
        PowerLossModel model(data);
        const fs::path log = home.root() / "events.log";
        fs::remove(log);
        test_support::Environment env = recorder_env(log, data);
        // One round in six is cut while braid recovers (replays, cuts torn tails, sets segments aside).
        const bool in_startup = startup_events > 0 && rng() % 6 == 0;
        const std::string kind = in_startup ? "all" : kKillKinds[rng() % std::size(kKillKinds)];
        const std::size_t range = in_startup ? startup_events : std::max<std::size_t>(1, previous_counts[kind]);
        const long long kill_after = 1 + static_cast<long long>(rng() % range);
        env[fsrec::kKillAfterEnv] = std::to_string(kill_after);
        env[fsrec::kKillPhaseEnv] = in_startup ? "startup" : "listening";
        env[fsrec::kKillCountsEnv] = kind;
        INFO("killed after " << kind << " event " << kill_after << (in_startup ? " of startup" : " after listening"));

        std::optional<test_support::BraidServer> server;
        std::string startup_failure;
        try {
            server.emplace(home.config_file(), serve_options(home, "round" + std::to_string(rounds), env));
        } catch (const std::runtime_error& e) {
            startup_failure = e.what();
        }
        if (server) {
            std::atomic<bool> stop{false};
            std::vector<std::thread> threads;
            for (auto& w : writers) threads.emplace_back([&w, &server, &stop] { w.run(server->port(), stop); });
            for (auto& t : threads) t.join();
            server->kill_hard();  // when the recorder has not already
        }
        const std::vector<FsEvent> events = read_event_log(log);
        const std::size_t before_listening = events_before_listening(events);
        if (!startup_failure.empty()) {
            INFO("braid did not start: " << startup_failure);
            REQUIRE(in_startup);
            REQUIRE(static_cast<long long>(events.size()) == kill_after);
            ++killed_in_startup;
        } else {
            startup_events = before_listening;
            const auto counts = kinds_after_listening(events);
            if (static_cast<long long>(counts.at(kind)) >= kill_after) {
                ++killed_at_event;
            } else {
                previous_counts = counts;  // the round ended before the kill: a full round's counts
            }
        }
        for (auto& w : writers) {
            for (const auto& problem : w.take_unexpected()) FAIL_CHECK(problem);
        }

        const RebuildSummary summary = cut_power(data, model, events, Survival::random, rng);
        unsynced_dropped += summary.file_ops_dropped;
        torn += summary.torn_writes;
        folder_ops_reverted += summary.folder_ops_reverted;
        INFO("image after the power cut: " << summary.describe());
        if (std::getenv("BRAID_POWERLOSS_VERBOSE") != nullptr) {
            std::cout << "round " << rounds << ": " << events.size() << " events (" << before_listening
                      << " before listening), kill after " << kind << " event " << kill_after
                      << (in_startup ? " of startup" : "")
                      << "; image: " << summary.describe() << std::endl;
        }

        test_support::BraidServer check(home.config_file(), home.serve_options("check" + std::to_string(rounds)));
        INFO("braid's stderr on the image:\n" << check.stderr_text());
        HttpClient client(check.port());
        const Verification v = verify_documents(client, writers);
        for (const auto& m : v.mismatches) FAIL_CHECK(m);
        REQUIRE(v.mismatches.empty());
        CHECK(listed_documents(client, kCollection) == v.present);
        documents_checked += v.checked;
        // The lexical index came back with the documents (from the same snapshot, or replayed).
        for (auto& w : writers) {
            std::size_t searched = 0;
            for (const auto& [id, history] : w.ledger().ids()) {
                if (!history.acknowledged) continue;
                if (++searched > 3) break;
                INFO("searching for " << id << " version " << *history.acknowledged);
                const auto hits = search_ids(client, kCollection, lexical_search_body(unique_word(id, *history.acknowledged), 5));
                CHECK(std::find(hits.begin(), hits.end(), id) != hits.end());
            }
        }
        // Alternately a clean stop (which writes a snapshot) and a crash of the checking server.
        if (rounds % 2 == 0) {
            REQUIRE(check.terminate() == 0);
        } else {
            check.kill_hard();
        }
    }
    for (const auto& w : writers) acknowledged += const_cast<Writer&>(w).ledger().acknowledged_writes();
    std::cout << "power loss: " << rounds << " rounds (" << killed_at_event << " cut at a random event while writing, "
              << killed_in_startup << " during recovery), " << acknowledged << " acknowledged writes, "
              << documents_checked << " document checks; unsynced file operations dropped " << unsynced_dropped
              << ", torn writes " << torn << ", folder operations reverted " << folder_ops_reverted << std::endl;
    CHECK(rounds >= (fixed_rounds ? *fixed_rounds : kMinRounds));
    CHECK(acknowledged > 0);
    CHECK(killed_at_event > 0);
    CHECK(unsynced_dropped > 0);  // the rebuilt images really lost what no sync covered
}

}  // namespace braid::durability
