#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "inference/query_cache.hpp"
#include "inference/remote_embedder.hpp"
#include "tests/net/client_test_support.hpp"
#include "tests/net/stand_in_server.hpp"

using braid::inference::QueryCache;
using V = std::vector<float>;

TEST_CASE("QueryCache evicts the least recently used entry", "[inference]") {
    QueryCache cache(2);
    cache.insert("a", {1});
    cache.insert("b", {2});
    CHECK(cache.find("a") == V{1});  // a is now the most recent
    cache.insert("c", {3});          // evicts b
    CHECK_FALSE(cache.find("b"));
    CHECK(cache.find("a") == V{1});
    CHECK(cache.find("c") == V{3});
    cache.insert("c", {4});  // replaces in place
    CHECK(cache.find("c") == V{4});
    CHECK(cache.size() == 2);
    CHECK(cache.hits() == 4);
    CHECK(cache.misses() == 1);
}

TEST_CASE("QueryCache of capacity 0 keeps nothing - the default holds 10,000", "[inference]") {
    QueryCache off(0);
    off.insert("a", {1});
    CHECK_FALSE(off.find("a"));
    QueryCache standard;
    CHECK(standard.capacity() == 10'000);
    for (int i = 0; i < 10'050; ++i) standard.insert(std::to_string(i), {static_cast<float>(i)});
    CHECK(standard.size() == 10'000);
    CHECK_FALSE(standard.find("49"));
    CHECK(standard.find("50") == V{50});
}

TEST_CASE("QueryCache is safe under concurrent readers and writers", "[inference]") {
    QueryCache cache(64);
    std::atomic<int> wrong{0};  // Catch2 assertions are not thread-safe; count and check after
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, &wrong, t] {
            for (int i = 0; i < 2'000; ++i) {
                const std::string key = std::to_string((i * 7 + t) % 100);
                if (auto hit = cache.find(key)) {
                    if (hit->size() != 1 || std::to_string(static_cast<int>((*hit)[0])) != key) ++wrong;
                } else {
                    cache.insert(key, {static_cast<float>(std::stoi(key))});
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(wrong == 0);
    CHECK(cache.size() <= 64);
}

TEST_CASE("embed_query asks the service once per distinct query text", "[inference]") {
    braid::test::StandInServer server([](const braid::test::ReceivedRequest& req) {
        const auto body = boost::json::parse(req.body);
        const auto text = std::string(body.at("inputs").as_array().at(0).as_string());
        return braid::test::Reply::json("[[" + std::to_string(text.size()) + ",1]]");
    });
    auto http = std::make_shared<braid::net::HttpClient>(braid::test::recorded_options(std::make_shared<braid::test::SleepLog>()));
    braid::inference::EmbedderOptions options;
    options.query_prefix = "query: ";
    const braid::inference::RemoteEmbedder embedder({braid::inference::EmbeddingProtocol::tei, server.url(), "", ""}, options, http);
    QueryCache cache(100);
    CHECK(braid::inference::embed_query(embedder, cache, "statins") == V{14, 1});  // "query: statins"
    CHECK(braid::inference::embed_query(embedder, cache, "statins") == V{14, 1});
    CHECK(braid::inference::embed_query(embedder, cache, "aspirin dose") == V{19, 1});
    CHECK(server.requests_received() == 2);
    CHECK(cache.hits() == 1);
}
