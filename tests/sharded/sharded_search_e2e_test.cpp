// Three `braid serve` processes, each holding the documents of one shard (ShardRouter), searched
// through the ShardedCoordinator over their /_cluster/ routes, answer as a fourth process holding
// every document: same ids, order, scores (1e-6), side contributions, documents and explanations.
// A dead holder is replaced by the shard's next; none left: 503 naming the shard, or allow_partial.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "cluster/shard_router.hpp"
#include "cluster/sharded_coordinator.hpp"
#include "config/config.hpp"
#include "core/error.hpp"
#include "engine/document_parser.hpp"
#include "engine/sharded_search.hpp"
#include "http/search_request_json.hpp"
#include "http/search_response_json.hpp"
#include "tests/support/same_search_answer.hpp"
#include "tests/support/skewed_text.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace json = boost::json;
using namespace braid;

namespace {

constexpr std::uint32_t kShards = 3;
constexpr int kDocuments = 400;

const char* kCollection = R"({
    "name": "docs", "id_field": "id",
    "fields": {"title": {"type": "text", "analyzer": "english"}, "body": {"type": "text", "analyzer": "english"},
               "year": {"type": "integer"}},
    "vector": {"field": "embedding", "dimension": 4, "metric": "cosine",
               "index": {"type": "hnsw", "m": 16, "ef_construction": 64, "ef_search": 64}}
  })";

std::string config_text() {
    return std::string(R"({"server": {"host": "127.0.0.1", "port": 0, "data_dir": "data", "threads": 2, "max_k": 100},
  "collections": [)") + kCollection + "]}";
}

std::string text(std::mt19937& rng, std::size_t min_words, std::size_t max_words) {
    return test_support::skewed_text(rng, min_words, max_words, 120);
}

json::array random_vector(std::mt19937& rng) {
    std::normal_distribution<double> n(0, 1);
    return {n(rng), n(rng), n(rng), n(rng)};
}

struct Node {
    test_support::TempDir dir{"braid-sharded"};
    std::unique_ptr<test_support::BraidServer> server;
    Node() { server = std::make_unique<test_support::BraidServer>(dir.write("braid.json", config_text())); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(server->port()); }
};

void bulk(const Node& node, const std::string& ndjson) {
    test_support::HttpClient c(node.server->port());
    const auto r = c.post("/collections/docs/documents/_bulk", ndjson, "application/x-ndjson");
    INFO(r.body);
    REQUIRE(r.status == 200);
}

struct Fixture {
    Node whole;
    std::vector<std::unique_ptr<Node>> shards;
    config::CollectionConfig schema;
    analyzers::AnalyzerRegistry registry = analyzers::AnalyzerRegistry::with_builtins();
    net::HttpClient client;

    Fixture() : client(fast_failing()) {
        for (std::uint32_t s = 0; s < kShards; ++s) shards.push_back(std::make_unique<Node>());
        schema = config::parse_collection(json::parse(kCollection), "collection");
        const cluster::ShardRouter router(kShards);
        std::mt19937 rng(16);
        std::string all;
        std::vector<std::string> of_shard(kShards);
        for (int i = 0; i < kDocuments; ++i) {
            std::string id = "d";
            id += std::to_string(i);
            json::object doc{{"id", id}, {"title", text(rng, 1, 5)}, {"body", text(rng, 0, 30)},
                             {"year", 2000 + i % 20}, {"embedding", random_vector(rng)}};
            const std::string line = json::serialize(doc) + "\n";
            all += line;
            of_shard[router.shard_of(doc["id"].as_string())] += line;
        }
        bulk(whole, all);
        for (std::uint32_t s = 0; s < kShards; ++s) bulk(*shards[s], of_shard[s]);
    }

    static net::ClientOptions fast_failing() {
        net::ClientOptions options;
        options.retry.max_retries = 0;  // the coordinator moves to the next holder instead
        return options;
    }

    cluster::HolderNode holder(const std::string& url, std::uint32_t shard) {
        return cluster::HolderNode{std::make_shared<cluster::HttpShardHolder>(client, url, "docs", ""), {shard}};
    }

    std::vector<cluster::HolderNode> holders() {
        std::vector<cluster::HolderNode> out;
        for (std::uint32_t s = 0; s < kShards; ++s) out.push_back(holder(shards[s]->url(), s));
        return out;
    }

    // The coordinator's answer, rendered as a node renders its own.
    json::value sharded(const std::string& body, std::vector<cluster::HolderNode> nodes, bool allow_partial = false) {
        const engine::SearchRequest request = http::parse_search_request(json::parse(body), http::SearchLimits{});
        const engine::DocumentParser parser(schema, registry);
        cluster::ShardedSearchCall call;
        call.collection = "docs";
        call.shards = kShards;
        call.request = request;
        call.request_json = body;
        call.plan = engine::shard_plan(schema, parser, request);
        call.nodes = std::move(nodes);
        call.allow_partial = allow_partial;
        return json::parse(http::search_response_text(cluster::sharded_search(call)));
    }

    json::value single(const std::string& body) {
        test_support::HttpClient c(whole.server->port());
        const auto r = c.post("/collections/docs/search", body);
        INFO(body << " -> " << r.body);
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

}  // namespace

TEST_CASE("sharded e2e: three nodes holding one shard each answer as one node holding all", "[sharded][e2e]") {
    Fixture& f = fixture();
    std::mt19937 rng(1616);
    std::uniform_int_distribution<int> kdist(1, 20), offset_dist(0, 15);
    int hits = 0;
    for (int q = 0; q < 120; ++q) {
        const int kind = q % 3;
        json::object body{{"mode", kind == 0 ? "lexical" : kind == 1 ? "dense" : "hybrid"}, {"k", kdist(rng)},
                          {"offset", offset_dist(rng)}, {"explain", q % 2 == 0}, {"ef_search", 1000}};
        if (kind != 1) body["query"] = text(rng, 1, 4);
        if (kind != 0) body["vector"] = random_vector(rng);
        if (q % 4 == 3) body["filter"] = json::object{{"year", json::object{{"gte", 2003}, {"lt", 2014}}}};
        if (q % 5 == 1) body["fields"] = json::object{{"title", 2.0}, {"body", 1.0}};
        if (q % 6 == 4) body["fusion"] = json::object{{"method", "linear"}, {"alpha", 0.3}};
        const std::string text_body = json::serialize(body);
        INFO("query " << q << ": " << text_body);
        const auto expected = f.single(text_body);
        test_support::check_same_answer(f.sharded(text_body, f.holders()), expected);
        hits += static_cast<int>(expected.at("hits").as_array().size());
    }
    CHECK(hits > 300);
}

TEST_CASE("sharded e2e: a dead holder is replaced by the shard's next one", "[sharded][e2e]") {
    Fixture& f = fixture();
    auto holders = f.holders();
    holders.insert(holders.begin(), f.holder("http://127.0.0.1:1", 1));  // nothing listens there
    const std::string body = R"({"mode": "lexical", "query": "w1 w5 w9", "k": 10})";
    test_support::check_same_answer(f.sharded(body, holders), f.single(body));
}

TEST_CASE("sharded e2e: a shard without a live holder is a 503 naming it, or left out with allow_partial", "[sharded][e2e]") {
    Fixture& f = fixture();
    auto holders = f.holders();
    holders[2] = f.holder("http://127.0.0.1:1", 2);
    const std::string body = R"({"mode": "lexical", "query": "w1 w5 w9", "k": 10})";
    try {
        f.sharded(body, holders);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::unavailable);
        CHECK(e.type() == "shard_unavailable");
        INFO(e.what());
        CHECK(std::string(e.what()).find("shard 2") != std::string::npos);
    }
    const auto partial = f.sharded(body, holders, true);
    REQUIRE(partial.at("degraded").as_array().size() == 1);
    CHECK(std::string(partial.at("degraded").at(0).as_string()).find("shard 2") != std::string::npos);
    const cluster::ShardRouter router(kShards);
    REQUIRE(!partial.at("hits").as_array().empty());
    for (const auto& hit : partial.at("hits").as_array()) CHECK(router.shard_of(hit.at("id").as_string()) != 2);
}

TEST_CASE("sharded e2e: the internal routes refuse a body without its search", "[sharded][e2e]") {
    Fixture& f = fixture();
    test_support::HttpClient c(f.shards[0]->server->port());
    const auto r = c.post("/_cluster/stats/docs", "{}");
    CHECK(r.status == 400);
    CHECK(json::parse(r.body).at("error").at("path") == "search");
    CHECK(c.post("/_cluster/search/nope", R"({"search": {"query": "a"}})").status == 404);
}
