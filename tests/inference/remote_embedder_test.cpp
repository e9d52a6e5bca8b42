#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "inference/remote_embedder.hpp"
#include "tests/net/client_test_support.hpp"
#include "tests/net/stand_in_server.hpp"

using namespace std::chrono_literals;
using braid::inference::EmbedderOptions;
using braid::inference::EmbeddingProtocol;
using braid::inference::EmbedRole;
using braid::inference::RemoteEmbedder;
using braid::test::ReceivedRequest;
using braid::test::Reply;
using braid::test::StandInServer;
namespace json = boost::json;

namespace {

// A deterministic "model": the vector of a text is (length, first byte, 1, 2, ..., dims-2).
std::vector<float> fake_vector(const std::string& text, std::size_t dims) {
    std::vector<float> v(dims);
    v[0] = static_cast<float>(text.size());
    if (dims > 1) v[1] = text.empty() ? 0.0f : static_cast<float>(static_cast<unsigned char>(text[0]));
    for (std::size_t i = 2; i < dims; ++i) v[i] = static_cast<float>(i - 1);
    return v;
}

json::array to_json(const std::vector<float>& v) {
    json::array a;
    for (const float x : v) a.emplace_back(x);
    return a;
}

std::vector<std::string> inputs_of(const json::value& body, const char* key) {
    std::vector<std::string> out;
    for (const auto& v : body.at(key).as_array()) out.emplace_back(v.as_string());
    return out;
}

// The OpenAI embeddings protocol, answering data[] in reverse order (index tells which is which).
Reply openai_answer(const ReceivedRequest& req, std::size_t dims) {
    const auto body = json::parse(req.body);
    const auto inputs = inputs_of(body, "input");
    json::array data;
    for (std::size_t i = inputs.size(); i-- > 0;) {
        data.emplace_back(json::object{{"object", "embedding"}, {"index", i}, {"embedding", to_json(fake_vector(inputs[i], dims))}});
    }
    return Reply::json(json::serialize(json::object{{"object", "list"}, {"data", data}, {"model", body.at("model")}}));
}

std::shared_ptr<braid::net::HttpClient> client(std::shared_ptr<braid::test::SleepLog> log = std::make_shared<braid::test::SleepLog>(),
                                               int max_retries = 3) {
    return std::make_shared<braid::net::HttpClient>(braid::test::recorded_options(log, max_retries));
}

RemoteEmbedder embedder(EmbeddingProtocol protocol, const std::string& url, EmbedderOptions options = {},
                        std::shared_ptr<braid::net::HttpClient> http = client()) {
    return RemoteEmbedder({protocol, url, "nomic-embed-text", "secret"}, std::move(options), std::move(http));
}

std::vector<std::string> texts(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back("text number " + std::to_string(i) + std::string(i, 'x'));
    return out;
}

}  // namespace

TEST_CASE("openai: request shape, prefixes, out-of-order data put back in input order", "[inference]") {
    std::mutex mutex;
    std::vector<json::value> bodies;
    std::vector<ReceivedRequest> requests;
    StandInServer server([&](const ReceivedRequest& req) {
        std::lock_guard lock(mutex);
        bodies.push_back(json::parse(req.body));
        requests.push_back(req);
        return openai_answer(req, 4);
    });
    EmbedderOptions options;
    options.document_prefix = "passage: ";
    options.query_prefix = "query: ";
    const auto e = embedder(EmbeddingProtocol::openai, server.url("/v1/"), options);
    const std::vector<std::string> docs = {"alpha", "beta gamma", "d"};
    const auto vectors = e.embed(docs, EmbedRole::document);
    REQUIRE(vectors.size() == 3);
    for (std::size_t i = 0; i < docs.size(); ++i) CHECK(vectors[i] == fake_vector("passage: " + docs[i], 4));
    CHECK(e.embed_one("statins", EmbedRole::query) == fake_vector("query: statins", 4));

    std::lock_guard lock(mutex);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].target == "/v1/embeddings");
    CHECK(requests[0].header("authorization") == "Bearer secret");
    CHECK(requests[0].header("content-type") == "application/json");
    CHECK(bodies[0].at("model").as_string() == "nomic-embed-text");
    CHECK(inputs_of(bodies[0], "input") == std::vector<std::string>{"passage: alpha", "passage: beta gamma", "passage: d"});
    CHECK(bodies[0].as_object().if_contains("dimensions") == nullptr);  // only sent when configured
}

TEST_CASE("openai: dimensions is sent, and vectors are truncated and re-normalized", "[inference]") {
    std::atomic<bool> sent_dimensions{false};
    StandInServer server([&](const ReceivedRequest& req) {
        const auto body = json::parse(req.body);
        if (const auto* d = body.as_object().if_contains("dimensions")) sent_dimensions = d->as_int64() == 3;
        return openai_answer(req, 6);  // a service that ignores `dimensions`
    });
    EmbedderOptions options;
    options.dimensions = 3;
    const auto v = embedder(EmbeddingProtocol::openai, server.url(), options).embed_one("abc", EmbedRole::document);
    CHECK(sent_dimensions);
    const auto full = fake_vector("abc", 6);
    const double norm = std::sqrt(full[0] * full[0] + full[1] * full[1] + full[2] * full[2]);
    REQUIRE(v.size() == 3);
    for (int i = 0; i < 3; ++i) CHECK(v[i] == Approx(full[i] / norm));
}

TEST_CASE("a model answering fewer dimensions than configured is a clear dimensions error", "[inference]") {
    StandInServer server([](const ReceivedRequest& req) { return openai_answer(req, 2); });
    EmbedderOptions options;
    options.dimensions = 256;
    const auto e = embedder(EmbeddingProtocol::openai, server.url(), options);
    try {
        e.embed_one("abc", EmbedRole::document);
        FAIL("no error");
    } catch (const braid::Error& err) {
        CHECK(err.type() == "embedder_dimensions");
        CHECK(err.kind() == braid::ErrorKind::invalid_argument);
        const std::string m = err.what();
        CHECK(m.find(server.url("/embeddings")) != std::string::npos);
        CHECK(m.find("answers 2-dimensional vectors, fewer than dimensions = 256") != std::string::npos);
    }
}

TEST_CASE("ollama: POST /api/embed {model, input} -> embeddings", "[inference]") {
    std::mutex mutex;
    std::vector<std::string> targets;
    StandInServer server([&](const ReceivedRequest& req) {
        {
            std::lock_guard lock(mutex);
            targets.push_back(req.target);
        }
        const auto body = json::parse(req.body);
        if (body.at("model").as_string() != "nomic-embed-text") return Reply::json("{\"error\":\"model\"}", 400);
        json::array embeddings;
        for (const auto& t : inputs_of(body, "input")) embeddings.emplace_back(to_json(fake_vector(t, 5)));
        return Reply::json(json::serialize(json::object{{"model", "nomic-embed-text"}, {"embeddings", embeddings}}));
    });
    const auto e = embedder(EmbeddingProtocol::ollama, server.url());
    const std::vector<std::string> docs = {"one", "two!"};
    const auto vectors = e.embed(docs, EmbedRole::document);
    CHECK(vectors == std::vector<std::vector<float>>{fake_vector("one", 5), fake_vector("two!", 5)});
    std::lock_guard lock(mutex);
    CHECK(targets == std::vector<std::string>{"/api/embed"});
}

TEST_CASE("tei: POST /embed {inputs} -> [[...]]", "[inference]") {
    StandInServer server([](const ReceivedRequest& req) {
        if (req.target != "/embed") return Reply::json("{\"error\":\"not found\"}", 404);
        const auto body = json::parse(req.body);
        json::array out;
        for (const auto& t : inputs_of(body, "inputs")) out.emplace_back(to_json(fake_vector(t, 3)));
        return Reply::json(json::serialize(out));
    });
    const auto e = embedder(EmbeddingProtocol::tei, server.url());
    CHECK(e.embed_one("hello", EmbedRole::query) == fake_vector("hello", 3));
}

TEST_CASE("texts go in batches of batch_size over one kept-alive connection at concurrency 1", "[inference]") {
    std::mutex mutex;
    std::vector<std::size_t> batch_sizes;
    StandInServer server([&](const ReceivedRequest& req) {
        {
            std::lock_guard lock(mutex);
            batch_sizes.push_back(json::parse(req.body).at("input").as_array().size());
        }
        return openai_answer(req, 4);
    });
    EmbedderOptions options;
    options.batch_size = 3;
    options.max_concurrency = 1;
    const auto e = embedder(EmbeddingProtocol::openai, server.url(), options);
    const auto input = texts(10);
    const auto vectors = e.embed(input, EmbedRole::document);
    for (std::size_t i = 0; i < input.size(); ++i) CHECK(vectors[i] == fake_vector(input[i], 4));
    CHECK(e.embed({}, EmbedRole::document).empty());  // nothing to embed: no request
    std::lock_guard lock(mutex);
    CHECK(batch_sizes == std::vector<std::size_t>{3, 3, 3, 1});
    CHECK(server.connections_accepted() == 1);
}

TEST_CASE("batches run with at most max_concurrency requests in flight", "[inference]") {
    std::mutex mutex;
    std::condition_variable changed;
    int in_flight = 0;
    int max_in_flight = 0;
    StandInServer server([&](const ReceivedRequest& req) {
        std::unique_lock lock(mutex);
        ++in_flight;
        max_in_flight = std::max(max_in_flight, in_flight);
        changed.notify_all();
        // Hold the first batch until a second one is in flight too (a generous bound instead of a
        // hang if the embedder never sends two at once), then let everything run.
        changed.wait_for(lock, 10s, [&] { return max_in_flight >= 2; });
        lock.unlock();
        Reply r = openai_answer(req, 4);
        lock.lock();
        --in_flight;
        return r;
    });
    EmbedderOptions options;
    options.batch_size = 2;
    options.max_concurrency = 2;
    auto http = client();
    const auto e = embedder(EmbeddingProtocol::openai, server.url(), options, http);
    const auto input = texts(12);
    const auto vectors = e.embed(input, EmbedRole::document);
    for (std::size_t i = 0; i < input.size(); ++i) CHECK(vectors[i] == fake_vector(input[i], 4));
    CHECK(max_in_flight == 2);
    CHECK(server.requests_received() == 6);
    CHECK(server.connections_accepted() <= 2);
}

TEST_CASE("embed_each fails only the texts of a batch that finally failed", "[inference]") {
    StandInServer server([](const ReceivedRequest& req) {
        const auto inputs = inputs_of(json::parse(req.body), "input");
        if (std::find(inputs.begin(), inputs.end(), "poison") != inputs.end()) {
            return Reply::json("{\"error\":{\"message\":\"input contains poison\"}}", 400);
        }
        return openai_answer(req, 4);
    });
    EmbedderOptions options;
    options.batch_size = 2;
    const auto e = embedder(EmbeddingProtocol::openai, server.url(), options);
    const std::vector<std::string> input = {"a", "b", "c", "poison", "e"};
    const auto outcomes = e.embed_each(input, EmbedRole::document);
    REQUIRE(outcomes.size() == 5);
    for (const std::size_t ok : {0u, 1u, 4u}) {
        CHECK(outcomes[ok].ok());
        CHECK(outcomes[ok].vector == fake_vector(input[ok], 4));
    }
    for (const std::size_t bad : {2u, 3u}) {
        REQUIRE_FALSE(outcomes[bad].ok());
        CHECK(outcomes[bad].error->type() == "embedder_error");
        CHECK(std::string(outcomes[bad].error->what()).find("HTTP 400: {\"error\":{\"message\":\"input contains poison\"}}") !=
              std::string::npos);
    }
    CHECK(server.requests_received() == 3);  // a 400 is not retried
    CHECK_THROWS_WITH(e.embed(input, EmbedRole::document), Catch::Contains("input contains poison"));
}

TEST_CASE("429 with Retry-After and a 503 are retried transparently", "[inference]") {
    StandInServer server([](const ReceivedRequest& req) {
        if (req.number == 1) {
            Reply r = Reply::json("{\"error\":\"rate limited\"}", 429);
            r.headers.emplace_back("Retry-After", "3");
            return r;
        }
        if (req.number == 2) return Reply::json("{\"error\":\"loading model\"}", 503);
        return openai_answer(req, 4);
    });
    auto log = std::make_shared<braid::test::SleepLog>();
    const auto e = embedder(EmbeddingProtocol::openai, server.url(), {}, client(log));
    CHECK(e.embed_one("x", EmbedRole::document) == fake_vector("x", 4));
    const auto waits = log->all();
    REQUIRE(waits.size() == 2);
    CHECK(waits[0] == 3'000ms);
    CHECK((waits[1] >= 100ms && waits[1] <= 200ms));  // second retry: backoff step 200 ms
}

TEST_CASE("an unreachable service is embedder_unavailable - a broken one embedder_error", "[inference]") {
    std::string dead_url;
    {
        StandInServer gone([](const ReceivedRequest&) { return Reply::json("{}"); });
        dead_url = gone.url();
    }
    try {
        embedder(EmbeddingProtocol::openai, dead_url, {}, client(std::make_shared<braid::test::SleepLog>(), 1))
            .embed_one("x", EmbedRole::query);
        FAIL("no error");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "embedder_unavailable");
        const std::string m = e.what();
        CHECK(m.find("openai embedder: POST " + dead_url + "/embeddings failed after 2 attempts") != std::string::npos);
        CHECK(m.find("connection refused") != std::string::npos);
    }

    auto bad = [](const std::string& body, int status, const std::string& expected) {
        StandInServer server([&](const ReceivedRequest&) { return Reply::json(body, status); });
        try {
            embedder(EmbeddingProtocol::openai, server.url(), {}, client(std::make_shared<braid::test::SleepLog>(), 1))
                .embed_one("x", EmbedRole::document);
            FAIL("no error for " << body);
        } catch (const braid::Error& e) {
            CHECK(e.type() == "embedder_error");
            CHECK_THAT(e.what(), Catch::Contains(expected));
        }
    };
    bad("{\"error\":\"boom\"}", 500, "HTTP 500: {\"error\":\"boom\"}");
    bad("{\"error\":\"bad key\"}", 401, "HTTP 401 (check the API key)");
    bad("<html>", 200, "the answer is not JSON");
    bad("{\"data\":[]}", 200, "`data` holds 0 items for 1 texts");
    bad("{\"data\":[{\"index\":3,\"embedding\":[1]}]}", 200, "`data[].index` out of range");
    bad("{\"data\":[{\"index\":0,\"embedding\":[1,\"x\"]}]}", 200, "holds a non-number");
    bad("{\"data\":[{\"index\":0,\"embedding\":\"AAAA\"}]}", 200, "base64 embeddings are not supported");
}

TEST_CASE("a service that never answers makes the embedder fail within its timeout", "[inference]") {
    StandInServer server([](const ReceivedRequest&) { return Reply::holding(); });
    auto options = braid::test::recorded_options(std::make_shared<braid::test::SleepLog>(), 0);
    options.request_timeout = 150ms;
    const auto e = embedder(EmbeddingProtocol::tei, server.url(), {}, std::make_shared<braid::net::HttpClient>(options));
    const auto start = std::chrono::steady_clock::now();
    try {
        e.embed_one("x", EmbedRole::query);
        FAIL("no error");
    } catch (const braid::Error& err) {
        CHECK(err.type() == "embedder_unavailable");
        CHECK_THAT(err.what(), Catch::Contains("no answer within 150 ms"));
    }
    CHECK(std::chrono::steady_clock::now() - start < 30s);  // literally a timeout: never a hang
}
