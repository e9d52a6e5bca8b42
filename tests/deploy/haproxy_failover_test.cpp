// deploy/haproxy/haproxy.cfg as shipped (on loopback ports) in front of three braid nodes that
// each hold the whole collection, over one nats-server: writes and searches go through HAProxy;
// one node is killed (-9) while a client keeps searching, HAProxy's health check (GET /health)
// takes it out, every search is still answered; the node starts again, catches up from the
// stream and HAProxy sends it searches again.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "tests/deploy/local_haproxy.hpp"
#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using braid::test_support::NatsServer;
using braid::test_support::eventually;
using braid::deploy_test::LocalHaproxy;
using braid::replication_test::Node;
using braid::replication_test::NodeSpec;
using braid::replication_test::json_of;
using braid::replication_test::sequence_of;
using namespace std::chrono_literals;

namespace {

const std::string kDocs = R"([{"name": "docs", "fields": {"title": {"type": "text"}, "n": {"type": "integer"}}}])";
constexpr int kCats = 40;  // documents about cats, written before the kill: every search finds them all
// The health check of the shipped config takes a node out after 3 failed checks 2 s apart and back
// after 2 good ones: these waits only bound the test (a node that never leaves or comes back).
constexpr auto kCheckBound = 20s;

std::string cats_search(std::uint64_t min_sequence) {
    return R"({"query": "cats", "k": 1000, "min_sequence": )" + std::to_string(min_sequence) + "}";
}

std::size_t hits(const braid::test_support::HttpResponse& response) {
    return json_of(response).at("hits").as_array().size();
}

// One client searching through HAProxy until stopped; every answer that is not a 200 with all the
// cats (or no answer at all) is kept as a failure.
class Searcher {
public:
    explicit Searcher(std::uint16_t port) : thread_([this, port] { run(port); }) {}
    ~Searcher() { stop(); }
    void stop() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    long long answered() const { return answered_; }
    std::vector<std::string> failures() {
        std::lock_guard lock(mutex_);
        return failures_;
    }

private:
    void run(std::uint16_t port) {
        braid::test_support::HttpClient client(port);
        while (!stop_) {
            std::string failure;
            try {
                const auto answer = client.post("/collections/docs/search", R"({"query": "cats", "k": 1000})");
                if (answer.status != 200 || hits(answer) != kCats)
                    failure = std::to_string(answer.status) + " " + answer.body.substr(0, 300);
            } catch (const std::exception& error) {
                failure = std::string("no answer: ") + error.what();
            }
            if (failure.empty()) {
                ++answered_;
            } else {
                std::lock_guard lock(mutex_);
                failures_.push_back(failure);
            }
        }
    }

    std::atomic<bool> stop_{false};
    std::atomic<long long> answered_{0};
    std::mutex mutex_;
    std::vector<std::string> failures_;
    std::thread thread_;
};

}  // namespace

TEST_CASE("HAProxy with deploy/'s config keeps answering searches while a braid node is killed, and takes it back",
          "[deploy][haproxy][cluster]") {
    if (!braid::deploy_test::haproxy_program()) BRAID_SKIP("haproxy is not installed (scripts/setup.sh installs it)");
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed (scripts/setup.sh installs it)");
    const braid::test_support::TempDir dir("braid-haproxy");
    // One NATS server, so the stream has one copy (replicas 1); the three braid nodes are the
    // three replicas of the collection that HAProxy balances over.
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    std::vector<std::unique_ptr<Node>> nodes;
    braid::deploy_test::LocalPorts ports;
    for (const char* name : {"n1", "n2", "n3"}) {
        nodes.push_back(std::make_unique<Node>(NodeSpec{name, dir.path() / name, 0, {nats.url()}, 1, kDocs}));
        ports.nodes.push_back(nodes.back()->spec().port);
    }
    ports.frontend = braid::test_support::free_loopback_port();
    ports.stats = braid::test_support::free_loopback_port();
    const LocalHaproxy haproxy(dir.path() / "haproxy", ports);
    auto status = [&](const std::string& server) { return haproxy.server(server).status; };
    for (const char* server : {"braid-1", "braid-2", "braid-3"}) {
        INFO(server);
        REQUIRE(eventually([&] { return status(server) == "UP"; }, kCheckBound));
    }

    // Writes through HAProxy (whichever node takes them), then searches through it that wait for them.
    braid::test_support::HttpClient front(haproxy.port());
    std::uint64_t last = 0;
    for (int i = 0; i < kCats; i += 2)
        last = std::max(last, sequence_of(front.put("/collections/docs/documents/c" + std::to_string(i),
                                                    R"({"title": "cats purring", "n": )" + std::to_string(i) + "}")));
    std::string lines;
    for (int i = 1; i < kCats; i += 2)
        lines += R"({"id": "c)" + std::to_string(i) + R"(", "title": "sleepy cats", "n": )" + std::to_string(i) + "}\n";
    last = std::max(last, sequence_of(front.post("/collections/docs/documents/_bulk", lines, "application/x-ndjson")));
    for (int i = 0; i < 6; ++i) {
        const auto answer = front.post("/collections/docs/search", cats_search(last));
        INFO(answer.body);
        REQUIRE(answer.status == 200);
        CHECK(hits(answer) == kCats);
    }
    for (auto& node : nodes) REQUIRE(hits(node->http().post("/collections/docs/search", cats_search(last))) == kCats);
    // leastconn spreads a lone client's requests over all three nodes.
    for (const char* server : {"braid-1", "braid-2", "braid-3"}) CHECK(haproxy.server(server).requests > 0);

    Searcher searcher(haproxy.port());
    REQUIRE(eventually([&] { return searcher.answered() > 20; }, 10s));
    nodes[1]->kill_hard();
    const long long at_kill = searcher.answered();
    INFO(haproxy.log());
    CHECK(eventually([&] { return status("braid-2") == "DOWN"; }, kCheckBound));

    // While it is out: searches go on, and so do writes (a write that picked the dead node before
    // the check took it out failed to connect and was sent to another node).
    for (int i = 0; i < 10; ++i)
        last = std::max(last, sequence_of(front.put("/collections/docs/documents/d" + std::to_string(i), R"({"title": "dogs"})")));
    REQUIRE(eventually([&] { return searcher.answered() > at_kill + 20; }, 10s));
    const long long while_down = searcher.answered() - at_kill;

    // Back: it replays the stream (what it missed included) and HAProxy sends it searches again.
    nodes[1]->start();
    CHECK(eventually([&] { return status("braid-2") == "UP"; }, kCheckBound));
    const long long requests_when_back = haproxy.server("braid-2").requests;
    const auto dogs = nodes[1]->http().post("/collections/docs/search",
                                            R"({"query": "dogs", "k": 100, "min_sequence": )" + std::to_string(last) + "}");
    INFO(dogs.body);
    CHECK(dogs.status == 200);
    CHECK(hits(dogs) == 10);
    CHECK(eventually([&] { return haproxy.server("braid-2").requests > requests_when_back + 5; }, 10s));

    searcher.stop();
    CHECK(while_down > 20);
    const auto failures = searcher.failures();
    for (const auto& failure : failures) UNSCOPED_INFO(failure);
    CHECK(failures.empty());
}
