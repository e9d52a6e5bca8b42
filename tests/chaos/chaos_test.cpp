// Chaos, bounded in time: 3 nats-server processes and 3 braid nodes (replicas 3) on 127.0.0.1.
// While 4 writers upsert and delete, one braid node and one NATS server are killed with SIGKILL,
// then started again. At the end every node holds the same documents (count and a checksum of
// their content), every acknowledged write is present and every acknowledged delete absent, and
// no search failed on the nodes that stayed up.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <boost/json/serialize.hpp>

#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::eventually;
using braid::test_support::HttpClient;
using braid::test_support::TransportError;
using namespace std::chrono_literals;

namespace {

const std::string kDocs = R"([{"name": "docs", "fields": {"title": {"type": "text"}, "v": {"type": "integer"}}}])";

// What a writer knows of one id: the last operation the cluster acknowledged, and whether a
// later one is in doubt (sent, no answer: it may or may not have been applied).
struct Known {
    bool present = false;
    int version = 0;
    bool in_doubt = false;
};

// One writer: ids "w<writer>-<k>" of its own, sent to one node; upserts and deletes.
void write_until(std::uint16_t port, int writer, const std::atomic<bool>& stop, std::map<std::string, Known>& known,
                 std::atomic<std::uint64_t>& acknowledged) {
    std::unique_ptr<HttpClient> client;
    for (int step = 0; !stop; ++step) {
        std::string id = std::to_string(writer);
        id.insert(id.begin(), 'w');
        id.append("-").append(std::to_string(step % 50));
        Known& entry = known[id];
        const bool remove = entry.present && step % 7 == 3;
        const int version = step;
        try {
            if (!client) client = std::make_unique<HttpClient>(port);
            const auto answer =
                remove ? client->del("/collections/docs/documents/" + id)
                       : client->put("/collections/docs/documents/" + id,
                                     R"({"title": "chaos )" + id + R"(", "v": )" + std::to_string(version) + "}");
            if (answer.ok()) {
                entry = Known{!remove, version, false};
                ++acknowledged;
            } else if (answer.status >= 500) {
                entry.in_doubt = true;  // e.g. acknowledged by the stream, then not applied in time
            } else {
                entry.in_doubt = true;
            }
        } catch (const TransportError&) {
            entry.in_doubt = true;
            client.reset();
            std::this_thread::sleep_for(50ms);
        }
    }
}

// Every document of a node in id order, and a checksum of their text.
std::pair<std::size_t, std::size_t> contents(Node& node) {
    std::size_t count = 0, checksum = 0;
    std::string cursor;
    while (true) {
        std::string target = "/collections/docs/documents?limit=1000";
        if (!cursor.empty()) target.append("&cursor").append("=").append(cursor);
        const auto page = node.http().get(target);
        REQUIRE(page.status == 200);
        const auto json = json_of(page);
        for (const auto& doc : json.at("documents").as_array()) {
            ++count;
            checksum = checksum * 1000003 + std::hash<std::string>{}(boost::json::serialize(doc));
        }
        if (json.at("next_cursor").is_null()) break;
        cursor = json.at("next_cursor").as_string().c_str();
    }
    return {count, checksum};
}

}  // namespace

TEST_CASE("chaos: kill -9 a braid node and a NATS server while 4 writers write", "[chaos][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-chaos");
    auto nats = braid::test_support::start_nats_cluster(dir.path() / "nats", 3);
    std::vector<std::string> urls;
    for (const auto& server : nats) urls.push_back(server->url());
    std::vector<std::unique_ptr<Node>> nodes;
    for (const char* name : {"n1", "n2", "n3"})
        nodes.push_back(std::make_unique<Node>(NodeSpec{name, dir.path() / name, 0, urls, 3, kDocs}));

    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> acknowledged{0};
    std::vector<std::map<std::string, Known>> known(4);
    std::vector<std::thread> writers;
    const std::vector<std::uint16_t> ports = {nodes[0]->spec().port, nodes[1]->spec().port, nodes[2]->spec().port,
                                              nodes[0]->spec().port};
    for (int w = 0; w < 4; ++w)
        writers.emplace_back(write_until, ports[static_cast<std::size_t>(w)], w, std::cref(stop), std::ref(known[static_cast<std::size_t>(w)]),
                             std::ref(acknowledged));

    // Searches on the two nodes that stay up, all along: each holds every shard, so none may fail
    // (neither the braid node's death nor a NATS server's is theirs to see).
    std::atomic<int> searched{0}, search_failures{0};
    std::thread searcher([&] {
        std::vector<std::unique_ptr<HttpClient>> clients;
        for (std::size_t n = 0; n < 2; ++n) clients.push_back(std::make_unique<HttpClient>(nodes[n]->spec().port));
        for (std::size_t i = 0; !stop; ++i) {
            try {
                const auto answer = clients[i % 2]->post("/collections/docs/search", R"({"query": "chaos", "k": 5})");
                if (answer.status != 200) ++search_failures;
            } catch (const TransportError&) {
                ++search_failures;
                clients[i % 2] = std::make_unique<HttpClient>(nodes[i % 2]->spec().port);
            }
            ++searched;
            std::this_thread::sleep_for(5ms);
        }
    });

    // The writers run meanwhile; the waits only space the failures (no assertion on timing).
    std::this_thread::sleep_for(2s);
    nodes[2]->kill_hard();
    nats[1]->kill();
    std::this_thread::sleep_for(3s);
    nats[1]->start();
    nodes[2]->start();
    std::this_thread::sleep_for(3s);
    stop = true;
    for (auto& writer : writers) writer.join();
    searcher.join();
    CHECK(acknowledged.load() > 100);
    CHECK(searched.load() > 100);
    CHECK(search_failures.load() == 0);

    // Every node applies the whole stream.
    braid::cluster::NatsOptions options;
    options.urls = urls;
    braid::cluster::NatsConnection connection(options);
    braid::cluster::JetStreamLog log(connection, {"docs", 3, 120s});
    const auto last = log.state().last_sequence;
    for (auto& node : nodes) {
        CHECK(eventually([&] {
            return node->http().post("/collections/docs/search",
                                     R"({"query": "chaos", "min_sequence": )" + std::to_string(last) + "}").status == 200;
        }, 30s));
    }
    const auto first = contents(*nodes[0]);
    for (std::size_t i = 1; i < nodes.size(); ++i) {
        INFO("node " << nodes[i]->spec().name);
        CHECK(contents(*nodes[i]) == first);
    }
    for (const auto& writer : known) {
        for (const auto& [id, entry] : writer) {
            if (entry.in_doubt || entry.version == 0) continue;
            for (auto& node : nodes) {
                INFO(id << " on " << node->spec().name);
                const auto got = node->http().get("/collections/docs/documents/" + id);
                if (!entry.present) {
                    CHECK(got.status == 404);
                } else {
                    REQUIRE(got.status == 200);
                    CHECK(json_of(got).at("document").at("v") == entry.version);
                }
            }
        }
    }
}
