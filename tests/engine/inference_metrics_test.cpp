// Calls to an embedder and a reranker over HTTP (protocol-faithful stand-ins) are counted, their
// failures too, and timed, in braid_inference_* as /metrics renders them.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "engine/inference_metrics.hpp"
#include "inference/observed_reranker.hpp"
#include "inference/remote_embedder.hpp"
#include "inference/reranker.hpp"
#include "metrics/registry.hpp"
#include "tests/net/client_test_support.hpp"
#include "tests/net/stand_in_server.hpp"

using braid::test::ReceivedRequest;
using braid::test::Reply;
using braid::test::StandInServer;
namespace json = boost::json;
namespace inference = braid::inference;

namespace {

std::shared_ptr<braid::net::HttpClient> client() {
    // No retries: each call is one request, and a 400 fails it at once.
    return std::make_shared<braid::net::HttpClient>(
        braid::test::recorded_options(std::make_shared<braid::test::SleepLog>(), 0));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The OpenAI embeddings protocol: a 3-d vector per input, or a 400 when an input says "fail".
Reply embeddings(const ReceivedRequest& request) {
    const auto body = json::parse(request.body);
    json::array data;
    std::size_t i = 0;
    for (const auto& input : body.at("input").as_array()) {
        if (input.as_string() == "fail") return Reply::json(R"({"error": {"message": "bad input"}})", 400);
        data.emplace_back(json::object{{"object", "embedding"}, {"index", i++}, {"embedding", json::array{1.0, 0.5, 0.25}}});
    }
    return Reply::json(json::serialize(json::object{{"object", "list"}, {"data", data}, {"model", body.at("model")}}));
}

}  // namespace

TEST_CASE("embedder batches and reranks are counted, failures too, and timed", "[engine][metrics][inference]") {
    braid::metrics::Registry registry;
    // As the catalog does: embedders get a forwarder before the metrics exist.
    const auto observer = std::make_shared<braid::engine::ForwardingCallObserver>();

    StandInServer embedder_service([](const ReceivedRequest& request) { return embeddings(request); });
    inference::EmbedderOptions options;
    options.batch_size = 2;
    options.max_concurrency = 1;
    options.observer = observer;
    const inference::RemoteEmbedder embedder({inference::EmbeddingProtocol::openai, embedder_service.url("/v1"),
                                              "m", "k"},
                                             options, client());
    embedder.embed_one("before the metrics", inference::EmbedRole::query);  // not counted: nothing attached
    observer->attach(std::make_shared<const braid::engine::InferenceMetrics>(registry));
    const std::vector<std::string> texts{"a", "b", "c"};
    CHECK(embedder.embed(texts, inference::EmbedRole::document).size() == 3);  // two batches
    CHECK_THROWS(embedder.embed_one("fail", inference::EmbedRole::query));    // one failed batch

    std::atomic<int> reranks{0};
    StandInServer reranker_service([&](const ReceivedRequest&) {
        if (reranks++ == 0) return Reply::json(R"({"id": "x", "results": [{"index": 0, "relevance_score": 0.9}]})");
        return Reply::json("not json");
    });
    const auto reranker = inference::observed(
        std::make_unique<inference::RemoteReranker>(
            inference::RemoteRerankerSpec{inference::RerankProtocol::cohere, reranker_service.url("/v1"), "r", "k"},
            client()),
        observer);
    const std::vector<std::string> documents{"one"};
    CHECK(reranker->rerank("q", documents).size() == 1);
    CHECK_THROWS(reranker->rerank("q", documents));

    const std::string text = registry.render();
    INFO(text);
    CHECK(contains(text, "braid_inference_requests_total{service=\"embedder\"} 3\n"));
    CHECK(contains(text, "braid_inference_errors_total{service=\"embedder\"} 1\n"));
    CHECK(contains(text, "braid_inference_request_duration_seconds_count{service=\"embedder\"} 3\n"));
    CHECK(contains(text, "braid_inference_requests_total{service=\"reranker\"} 2\n"));
    CHECK(contains(text, "braid_inference_errors_total{service=\"reranker\"} 1\n"));
    CHECK(contains(text, "braid_inference_request_duration_seconds_count{service=\"reranker\"} 2\n"));
}
