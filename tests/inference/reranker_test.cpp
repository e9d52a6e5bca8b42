#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <mutex>
#include <numeric>
#include <string>
#include <vector>

#include "inference/reranker.hpp"
#include "tests/net/client_test_support.hpp"
#include "tests/net/stand_in_server.hpp"

using braid::inference::RemoteReranker;
using braid::inference::RerankProtocol;
using braid::test::ReceivedRequest;
using braid::test::Reply;
using braid::test::StandInServer;
namespace json = boost::json;

namespace {

// Relevance = how many query words a document contains, plus a small tie-breaker by length.
double relevance(const std::string& query, const std::string& doc) {
    double score = 0;
    std::size_t start = 0;
    while (start < query.size()) {
        const auto end = std::min(query.find(' ', start), query.size());
        if (doc.find(query.substr(start, end - start)) != std::string::npos) score += 1;
        start = end + 1;
    }
    return score + 1.0 / (1.0 + static_cast<double>(doc.size()));
}

// Answers best first, as both services do, so indices are out of input order.
json::array ranked(const std::string& query, const json::array& docs, const char* score_key) {
    std::vector<std::size_t> order(docs.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> scores;
    for (const auto& d : docs) scores.push_back(relevance(query, std::string(d.as_string())));
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
    json::array out;
    for (const auto i : order) out.emplace_back(json::object{{"index", i}, {score_key, scores[i]}});
    return out;
}

std::shared_ptr<braid::net::HttpClient> client() {
    return std::make_shared<braid::net::HttpClient>(braid::test::recorded_options(std::make_shared<braid::test::SleepLog>(), 1));
}

const std::vector<std::string> kDocs = {"statins reduce cholesterol", "weather today", "statins and muscle pain",
                                        "cholesterol synthesis in the liver"};

}  // namespace

TEST_CASE("cohere: POST /rerank {model, query, documents, top_n} -> scores in document order", "[inference]") {
    std::mutex mutex;
    json::value seen;
    std::string target, auth;
    StandInServer server([&](const ReceivedRequest& req) {
        const auto body = json::parse(req.body);
        {
            std::lock_guard lock(mutex);
            seen = body;
            target = req.target;
            auth = req.header("authorization");
        }
        const std::string query(body.at("query").as_string());
        return Reply::json(json::serialize(json::object{
            {"id", "x"}, {"results", ranked(query, body.at("documents").as_array(), "relevance_score")}}));
    });
    const RemoteReranker reranker({RerankProtocol::cohere, server.url("/v1"), "rerank-english-v3.0", "k"}, client());
    const auto scores = reranker.rerank("statins cholesterol", kDocs);
    REQUIRE(scores.size() == kDocs.size());
    for (std::size_t i = 0; i < kDocs.size(); ++i) CHECK(scores[i] == Approx(relevance("statins cholesterol", kDocs[i])));
    std::lock_guard lock(mutex);
    CHECK(target == "/v1/rerank");
    CHECK(auth == "Bearer k");
    CHECK(seen.at("model").as_string() == "rerank-english-v3.0");
    CHECK(seen.at("top_n").as_int64() == 4);
    CHECK(seen.at("documents").as_array().size() == 4);
}

TEST_CASE("tei: POST /rerank {query, texts} -> [{index, score}]", "[inference]") {
    StandInServer server([](const ReceivedRequest& req) {
        const auto body = json::parse(req.body);
        if (req.target != "/rerank" || body.as_object().contains("documents")) return Reply::json("{}", 422);
        return Reply::json(json::serialize(ranked(std::string(body.at("query").as_string()), body.at("texts").as_array(), "score")));
    });
    const RemoteReranker reranker({RerankProtocol::tei, server.url(), "", ""}, client());
    const auto scores = reranker.rerank("muscle pain", kDocs);
    REQUIRE(scores.size() == 4);
    CHECK(std::max_element(scores.begin(), scores.end()) - scores.begin() == 2);
    CHECK(reranker.rerank("q", {}).empty());
}

TEST_CASE("a reranker answer that misses a document, or a service down, is a typed error", "[inference]") {
    StandInServer partial([](const ReceivedRequest&) {
        return Reply::json("{\"results\":[{\"index\":1,\"relevance_score\":0.9},{\"index\":0,\"relevance_score\":0.1}]}");
    });
    const RemoteReranker cohere({RerankProtocol::cohere, partial.url(), "m", ""}, client());
    try {
        cohere.rerank("q", kDocs);
        FAIL("no error");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "reranker_error");
        CHECK_THAT(e.what(), Catch::Contains("no score for document 2 of 4"));
    }
    StandInServer down([](const ReceivedRequest&) { return Reply::json("{\"error\":\"overloaded\"}", 503); });
    const RemoteReranker tei({RerankProtocol::tei, down.url(), "", ""}, client());
    try {
        tei.rerank("q", kDocs);
        FAIL("no error");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "reranker_unavailable");
        CHECK_THAT(e.what(), Catch::Contains("tei reranker: POST " + down.url("/rerank") + " failed after 2 attempts: HTTP 503"));
    }
}
