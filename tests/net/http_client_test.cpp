#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.hpp"
#include "net/net_error.hpp"
#include "tests/net/client_test_support.hpp"
#include "tests/net/stand_in_server.hpp"

using namespace std::chrono_literals;
using braid::net::FailureCause;
using braid::net::HttpClient;
using braid::net::NetError;
using braid::net::Request;
using braid::test::Reply;
using braid::test::ReceivedRequest;
using braid::test::StandInServer;

namespace {

Request post(const std::string& url, std::string body) {
    Request r;
    r.url = url;
    r.body = std::move(body);
    return r;
}

Reply numbered(const ReceivedRequest& req) { return Reply::json("{\"n\":" + std::to_string(req.number) + "}"); }

}  // namespace

TEST_CASE("a POST arrives with its method, target, headers and body, and the answer comes back", "[net]") {
    std::mutex mutex;
    ReceivedRequest seen;
    StandInServer server([&](const ReceivedRequest& req) {
        std::lock_guard lock(mutex);
        seen = req;
        Reply r = Reply::json("{\"ok\":true}", 201);
        r.headers.emplace_back("X-Trace", "abc");
        return r;
    });
    HttpClient client(braid::test::recorded_options(std::make_shared<braid::test::SleepLog>()));
    Request request = post(server.url("/v1/embeddings?q=1"), "{\"input\":[\"a\"]}");
    request.headers.emplace_back("Authorization", "Bearer k");
    const auto response = client.send(request);
    CHECK(response.status == 201);
    CHECK(response.body == "{\"ok\":true}");
    CHECK(response.header("x-trace") == "abc");
    std::lock_guard lock(mutex);
    CHECK(seen.method == "POST");
    CHECK(seen.target == "/v1/embeddings?q=1");
    CHECK(seen.header("host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(seen.header("content-type") == "application/json");
    CHECK(seen.header("authorization") == "Bearer k");
    CHECK(seen.body == "{\"input\":[\"a\"]}");
}

TEST_CASE("sequential requests reuse one keep-alive connection", "[net]") {
    StandInServer server(numbered);
    HttpClient client(braid::test::recorded_options(std::make_shared<braid::test::SleepLog>()));
    for (int i = 1; i <= 10; ++i) {
        CHECK(client.send(post(server.url("/x"), "{}")).body == "{\"n\":" + std::to_string(i) + "}");
    }
    CHECK(server.connections_accepted() == 1);
    CHECK(client.connections_opened() == 1);
}

TEST_CASE("concurrent callers share the pool without exceeding max_connections_per_host", "[net]") {
    std::atomic<int> in_handler{0};
    std::atomic<int> max_in_handler{0};
    StandInServer server([&](const ReceivedRequest& req) {
        const int now = ++in_handler;
        int prev = max_in_handler.load();
        while (now > prev && !max_in_handler.compare_exchange_weak(prev, now)) {
        }
        Reply r = Reply::json(req.body);  // echo, so each caller can check it got its own answer
        --in_handler;
        return r;
    });
    auto options = braid::test::recorded_options(std::make_shared<braid::test::SleepLog>());
    options.max_connections_per_host = 3;
    HttpClient client(options);
    std::atomic<int> wrong{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < 8; ++t) {
        callers.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                const std::string body = "{\"caller\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}";
                if (client.send(post(server.url("/echo"), body)).body != body) ++wrong;
            }
        });
    }
    for (auto& c : callers) c.join();
    CHECK(wrong == 0);
    CHECK(server.requests_received() == 200);
    CHECK(server.connections_accepted() <= 3);
    CHECK(max_in_handler.load() <= 3);
}

TEST_CASE("429 with Retry-After in seconds is waited for exactly, then retried", "[net]") {
    StandInServer server([](const ReceivedRequest& req) {
        if (req.number <= 2) {
            Reply r = Reply::json("{\"error\":\"slow down\"}", 429);
            r.headers.emplace_back("Retry-After", req.number == 1 ? "2" : "7");
            return r;
        }
        return Reply::json("{}");
    });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log));
    CHECK(client.send(post(server.url("/e"), "{}")).status == 200);
    CHECK(log->all() == std::vector<std::chrono::milliseconds>{2'000ms, 7'000ms});
    CHECK(server.requests_received() == 3);
    CHECK(server.connections_accepted() == 1);  // a 429 answer keeps the connection
}

TEST_CASE("Retry-After as an HTTP date is honoured", "[net]") {
    StandInServer server([](const ReceivedRequest& req) {
        if (req.number == 1) {
            const std::time_t at = std::time(nullptr) + 5;
            std::tm tm{};
            ::gmtime_r(&at, &tm);
            char date[64];
            std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
            Reply r = Reply::json("{}", 503);
            r.headers.emplace_back("Retry-After", date);
            return r;
        }
        return Reply::json("{}");
    });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log));
    CHECK(client.send(post(server.url("/e"), "{}")).status == 200);
    const auto waits = log->all();
    REQUIRE(waits.size() == 1);
    // Five seconds from when the server wrote the date, at one-second resolution.
    CHECK(waits[0] >= 3'000ms);
    CHECK(waits[0] <= 5'000ms);
}

TEST_CASE("a Retry-After beyond max_retry_after fails at once instead of waiting", "[net]") {
    StandInServer server([](const ReceivedRequest&) {
        Reply r = Reply::json("{}", 429);
        r.headers.emplace_back("Retry-After", "3600");
        return r;
    });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log));
    try {
        client.send(post(server.url("/e"), "{}"));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::retry_after);
        CHECK(e.unavailable());
        CHECK(std::string(e.what()).find("3600 s") != std::string::npos);
    }
    CHECK(log->all().empty());
    CHECK(server.requests_received() == 1);
}

TEST_CASE("persistent 500s are retried max_retries times with growing backoff, then reported", "[net]") {
    StandInServer server([](const ReceivedRequest&) { return Reply::json("{\"error\":\"model crashed\"}", 500); });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log, 3));
    const std::string url = server.url("/embed");
    try {
        client.send(post(url, "{}"));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::status);
        CHECK(e.status() == 500);
        CHECK_FALSE(e.unavailable());
        CHECK(e.type() == "upstream_error");
        const std::string message = e.what();
        CHECK(message.find("POST " + url) != std::string::npos);
        CHECK(message.find("after 4 attempts") != std::string::npos);
        CHECK(message.find("HTTP 500") != std::string::npos);
        CHECK(message.find("model crashed") != std::string::npos);
    }
    CHECK(server.requests_received() == 4);
    const auto waits = log->all();
    REQUIRE(waits.size() == 3);
    // initial 100 ms doubling: [50,100], [100,200], [200,400]
    CHECK((waits[0] >= 50ms && waits[0] <= 100ms));
    CHECK((waits[1] >= 100ms && waits[1] <= 200ms));
    CHECK((waits[2] >= 200ms && waits[2] <= 400ms));
}

TEST_CASE("a 4xx answer is returned, not retried", "[net]") {
    StandInServer server([](const ReceivedRequest&) { return Reply::json("{\"error\":\"bad input\"}", 400); });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log));
    const auto r = client.send(post(server.url("/e"), "{}"));
    CHECK(r.status == 400);
    CHECK(server.requests_received() == 1);
    CHECK(log->all().empty());
}

TEST_CASE("a connection closed without an answer is retried on a new connection", "[net]") {
    StandInServer server([](const ReceivedRequest& req) { return req.number <= 2 ? Reply::closing() : Reply::json("{}"); });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log));
    CHECK(client.send(post(server.url("/e"), "{}")).status == 200);
    CHECK(server.requests_received() == 3);
    CHECK(server.connections_accepted() == 3);
    CHECK(log->all().size() == 2);
}

TEST_CASE("connections closed every time end in an unavailable error once retries run out", "[net]") {
    StandInServer server([](const ReceivedRequest&) { return Reply::closing(); });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log, 2));
    try {
        client.send(post(server.url("/e"), "{}"));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::reset);
        CHECK(e.unavailable());
        CHECK(e.type() == "upstream_unavailable");
        CHECK(std::string(e.what()).find("connection closed by peer") != std::string::npos);
    }
    CHECK(server.requests_received() == 3);
    CHECK(log->all().size() == 2);
}

TEST_CASE("a keep-alive connection the service dropped while idle is replaced without a retry", "[net]") {
    StandInServer server([](const ReceivedRequest&) {
        Reply r = Reply::json("{}");
        r.drop_after = true;  // advertises keep-alive, then closes anyway
        return r;
    });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log, 0));
    CHECK(client.send(post(server.url("/e"), "{}")).status == 200);
    server.wait_connections_closed(1);
    CHECK(client.send(post(server.url("/e"), "{}")).status == 200);
    CHECK(server.connections_accepted() == 2);
    CHECK(log->all().empty());
}

TEST_CASE("a service that never answers times out within the deadline, with retries bounded", "[net]") {
    StandInServer server([](const ReceivedRequest&) { return Reply::holding(); });
    auto log = std::make_shared<braid::test::SleepLog>();
    auto options = braid::test::recorded_options(log, 1);
    options.request_timeout = 200ms;
    HttpClient client(options);
    const auto start = std::chrono::steady_clock::now();
    try {
        client.send(post(server.url("/e"), "{}"));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::timeout);
        CHECK(e.unavailable());
        CHECK(std::string(e.what()).find("no answer within 200 ms") != std::string::npos);
    }
    // Literally a timeout: a generous upper bound only, to prove it does not hang.
    CHECK(std::chrono::steady_clock::now() - start < 30s);
    CHECK(server.requests_received() == 2);
    CHECK(log->all().size() == 1);
}

TEST_CASE("a refused connection is retried, then reported as unavailable naming the URL", "[net]") {
    std::string url;
    {
        StandInServer gone([](const ReceivedRequest&) { return Reply::json("{}"); });
        url = gone.url("/embeddings");
    }  // the port is closed now
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log, 2));
    try {
        client.send(post(url, "{}"));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::connect);
        CHECK(e.unavailable());
        CHECK(e.url() == url);
        const std::string message = e.what();
        CHECK(message.find(url) != std::string::npos);
        CHECK(message.find("connection refused") != std::string::npos);
    }
    CHECK(log->all().size() == 2);
}

TEST_CASE("a chunked answer is read whole, and the connection stays reusable", "[net]") {
    const std::string big(5'000, 'v');
    StandInServer server([&](const ReceivedRequest&) {
        Reply r = Reply::json("{\"embedding\":\"" + big + "\"}");
        r.chunked = true;
        return r;
    });
    HttpClient client(braid::test::recorded_options(std::make_shared<braid::test::SleepLog>()));
    for (int i = 0; i < 2; ++i) CHECK(client.send(post(server.url("/e"), "{}")).body == "{\"embedding\":\"" + big + "\"}");
    CHECK(server.connections_accepted() == 1);
}

TEST_CASE("an answer with Connection: close is not reused", "[net]") {
    StandInServer server([](const ReceivedRequest&) {
        Reply r = Reply::json("{}");
        r.close_after = true;
        return r;
    });
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log));
    for (int i = 0; i < 3; ++i) CHECK(client.send(post(server.url("/e"), "{}")).status == 200);
    CHECK(server.connections_accepted() == 3);
    CHECK(log->all().empty());
}

TEST_CASE("an answer larger than max_response_bytes is a protocol error, not retried", "[net]") {
    StandInServer server([](const ReceivedRequest&) { return Reply::json(std::string(10'000, 'x')); });
    auto log = std::make_shared<braid::test::SleepLog>();
    auto options = braid::test::recorded_options(log);
    options.max_response_bytes = 4'096;
    HttpClient client(options);
    try {
        client.send(post(server.url("/e"), "{}"));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::protocol);
        CHECK_FALSE(e.unavailable());
        CHECK_THAT(e.what(), Catch::Contains("invalid HTTP answer"));
    }
    CHECK(server.requests_received() == 1);
    CHECK(log->all().empty());
}
