// A collection with 3 shards over 4 braid nodes of one cluster (real nats-server), each holding one
// shard and shard 1 held twice: writes through any node; a search on any node fans out over the
// shards' holders and answers as one standalone node holding every document (ids, order, scores
// 1e-6, documents, explanations, highlights, totals) for lexical, dense and hybrid searches with
// filters, paging, explain, include, collapse, highlight and total. A dead holder is replaced by
// the shard's other; none left: 503 naming the shard, or allow_partial with `degraded`.
#include <catch2/catch.hpp>

#include <random>

#include <boost/json.hpp>

#include "cluster/shard_router.hpp"
#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/same_search_answer.hpp"
#include "tests/support/skewed_text.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::NatsServer;
using braid::test_support::eventually;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr std::uint32_t kShards = 3;

const std::string kSchema = R"({
    "name": "docs", "id_field": "id", "shards": 3,
    "fields": {"title": {"type": "text", "analyzer": "english"}, "body": {"type": "text", "analyzer": "english"},
               "year": {"type": "integer"}, "tag": {"type": "keyword"}},
    "vector": {"field": "embedding", "dimension": 4, "metric": "cosine",
               "index": {"type": "hnsw", "m": 16, "ef_construction": 64, "ef_search": 64}}
  })";

std::string text(std::mt19937& rng, std::size_t min_words, std::size_t max_words) {
    return braid::test_support::skewed_text(rng, min_words, max_words, 80);
}

json::array random_vector(std::mt19937& rng) {
    std::normal_distribution<double> n(0, 1);
    return {n(rng), n(rng), n(rng), n(rng)};
}

std::string doc_id(int i) {
    std::string id = "d";  // not "d" + to_string: GCC 12 warns -Wrestrict falsely on that
    id += std::to_string(i);
    return id;
}

// A random search of one of the three modes, with min_sequence so that every holder waits.
std::string random_search(std::mt19937& rng, int q, std::uint64_t min_sequence) {
    std::uniform_int_distribution<int> kdist(1, 15), offset_dist(0, 10);
    const int kind = q % 3;
    json::object body{{"mode", kind == 0 ? "lexical" : kind == 1 ? "dense" : "hybrid"}, {"k", kdist(rng)},
                      {"offset", offset_dist(rng)}, {"explain", q % 2 == 0}, {"ef_search", 1000},
                      {"min_sequence", min_sequence}};
    if (kind != 1) body["query"] = text(rng, 1, 4);
    if (kind != 0) body["vector"] = random_vector(rng);
    if (q % 4 == 3) body["filter"] = json::object{{"year", json::object{{"gte", 2003}, {"lt", 2014}}}};
    if (q % 5 == 1) body["fields"] = json::object{{"title", 2.0}, {"body", 1.0}};
    if (q % 6 == 4) body["fusion"] = json::object{{"method", "linear"}, {"alpha", 0.3}};
    if (q % 7 == 2) body["include"] = json::array{"title", "year"};
    if (q % 8 == 5) body["collapse"] = "tag";
    if (q % 10 == 7) body["total"] = true;
    if (q % 9 == 4) body["highlight"] = json::object{{"fields", json::array{"body", "title"}}};
    return json::serialize(body);
}

json::value answer(braid::test_support::HttpClient& http, const std::string& body) {
    const auto r = http.post("/collections/docs/search", body);
    INFO(body << " -> " << r.status << " " << r.body);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
}

}  // namespace

TEST_CASE("fan-out: a search on any node of a sharded cluster answers as one node holding all",
          "[replication][cluster][fanout]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-fanout");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    const std::string collections = "[" + kSchema + "]";
    std::vector<std::unique_ptr<Node>> nodes;
    for (const auto& [name, holds] : std::vector<std::pair<std::string, std::string>>{
             {"n0", "[0]"}, {"n1", "[1]"}, {"n2", "[2]"}, {"n3", "[1]"}})
        nodes.push_back(std::make_unique<Node>(NodeSpec{name, dir.path() / name, 0, {nats.url()}, 1, collections, holds}));
    // The reference: a standalone node (no cluster) given the same writes.
    std::ofstream(dir.path() / "whole.json")
        << R"({"server": {"port": 0, "data_dir": "whole-data"}, "collections": )" << collections << "}";
    braid::test_support::BraidServer whole_server(dir.path() / "whole.json");
    braid::test_support::HttpClient whole(whole_server.port());

    // Writes through every node: three bulk bodies, replacements and deletes.
    std::mt19937 rng(1616);
    std::vector<std::string> bodies(3);
    for (int i = 0; i < 240; ++i) {
        json::object doc{{"id", doc_id(i)}, {"title", text(rng, 1, 5)}, {"body", text(rng, 0, 25)},
                         {"year", 2000 + i % 20}, {"embedding", random_vector(rng)}};
        std::string tag = "t";
        tag += std::to_string(i % 13);
        if (i % 5 != 0) doc["tag"] = tag;
        bodies[static_cast<std::size_t>(i % 3)] += json::serialize(doc) + "\n";
    }
    std::uint64_t last = 0;
    for (std::size_t b = 0; b < bodies.size(); ++b) {
        last = std::max(last, sequence_of(nodes[b]->http().post("/collections/docs/documents/_bulk", bodies[b],
                                                                 "application/x-ndjson")));
        REQUIRE(whole.post("/collections/docs/documents/_bulk", bodies[b], "application/x-ndjson").status == 200);
    }
    for (int i = 0; i < 12; ++i) {
        const std::string id = doc_id(i * 7);
        const std::string doc = json::serialize(json::object{{"title", text(rng, 2, 4)}, {"body", text(rng, 5, 10)},
                                                             {"year", 2010}, {"embedding", random_vector(rng)}});
        last = std::max(last, sequence_of(nodes[3]->http().put("/collections/docs/documents/" + id, doc)));
        REQUIRE(whole.put("/collections/docs/documents/" + id, doc).ok());
    }
    // Deletes through holders of the id's shard and through nodes that do not hold it (whose
    // answer carries the sequence all the same).
    const braid::cluster::ShardRouter router(kShards);
    for (int i = 0; i < 6; ++i) {
        const std::string id = doc_id(i * 11 + 1);
        auto& holder = *nodes[(router.shard_of(id) + static_cast<std::uint32_t>(i % 2)) % kShards];
        last = std::max(last, sequence_of(holder.http().del("/collections/docs/documents/" + id)));
        REQUIRE(whole.del("/collections/docs/documents/" + id).ok());
    }

    // Every node sees the others' registry entries within a heartbeat or two.
    const std::string probe = R"({"query": "w1", "min_sequence": )" + std::to_string(last) + "}";
    for (auto& node : nodes)
        REQUIRE(eventually([&] { return node->http().post("/collections/docs/search", probe).status == 200; }, 15s));

    SECTION("lexical, dense and hybrid searches with filters, paging and explain, on every node") {
        int hits = 0;
        for (int q = 0; q < 96; ++q) {
            const std::string body = random_search(rng, q, last);
            INFO("query " << q << " on " << nodes[q % 4]->spec().name << ": " << body);
            const auto expected = answer(whole, body);
            braid::test_support::check_same_answer(answer(nodes[static_cast<std::size_t>(q % 4)]->http(), body), expected);
            hits += static_cast<int>(expected.at("hits").as_array().size());
        }
        CHECK(hits > 250);
    }

    SECTION("what a fan-out cannot run exactly is a 400 naming the member") {
        for (const auto& [member, body] : std::vector<std::pair<std::string, std::string>>{
                 {"facets", R"({"query": "w1", "facets": {"tag": {}}})"},
                 {"syntax", R"({"query": "w1 -w2", "syntax": "simple"})"},
                 {"rerank", R"({"query": "w1", "rerank": {"reranker": "none"}})"}}) {
            const auto refused = nodes[0]->http().post("/collections/docs/search", body);
            INFO(body << " -> " << refused.body);
            CHECK(refused.status == 400);
            CHECK(json_of(refused).at("error").at("type") == "unsupported_on_shards");
            CHECK(std::string(json_of(refused).at("error").at("path").as_string()) == member);
        }
    }

    SECTION("a dead holder is replaced by the shard's other; none left: 503 naming it, or allow_partial") {
        nodes[1]->kill_hard();  // n1 [1]: its registry entry outlives it until the TTL
        for (int q = 0; q < 12; ++q) {
            const std::string body = random_search(rng, q, last);
            INFO("query " << q << ": " << body);
            braid::test_support::check_same_answer(answer(nodes[0]->http(), body), answer(whole, body));
        }
        nodes[3]->kill_hard();  // n3 [1]: no holder of shard 1 is left
        const std::string body = R"({"query": "w1 w2 w3", "k": 50})";
        const auto refused = nodes[0]->http().post("/collections/docs/search", body);
        INFO(refused.body);
        CHECK(refused.status == 503);
        CHECK(json_of(refused).at("error").at("type") == "shard_unavailable");
        CHECK(std::string(json_of(refused).at("error").at("message").as_string()).find("shard 1") != std::string::npos);

        const auto partial = nodes[2]->http().post("/collections/docs/search", R"({"query": "w1 w2 w3", "k": 50, "allow_partial": true})");
        INFO(partial.body);
        REQUIRE(partial.status == 200);
        const auto partial_json = json_of(partial);
        REQUIRE(partial_json.at("degraded").as_array().size() == 1);
        CHECK(std::string(partial_json.at("degraded").at(0).as_string()).find("shard 1") != std::string::npos);
        REQUIRE(!partial_json.at("hits").as_array().empty());
        for (const auto& hit : partial_json.at("hits").as_array()) CHECK(router.shard_of(hit.at("id").as_string()) != 1);
    }
}
