// Slow requests run on the server's worker pool, apart from the I/O threads: with every worker
// held by a request that waits on a gate, /health and other requests are still answered.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/api.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "tests/http/gate.hpp"

using namespace braid::http;

using braid::http::test::Gate;

TEST_CASE("with every worker held by a slow search, /health and writes are still answered", "[http][workers]") {
    constexpr unsigned kWorkers = 2;
    Gate gate;
    ServerOptions options;
    options.port = 0;
    options.handle_signals = false;
    options.threads = 1;  // one I/O thread: without the pool a held search would block it
    options.workers = kWorkers;
    options.offload = runs_on_workers;
    Server server(options, [&gate](const Request& request) {
        Response response;
        if (runs_on_workers(request)) {
            gate.wait();
            response.body = R"({"hits":[]})";
        } else {
            response.body = request.method + " " + request.target;
        }
        return response;
    });
    std::thread running([&] { server.run(); });

    std::vector<std::future<unsigned>> searches;
    for (unsigned i = 0; i < kWorkers + 1; ++i) {  // one more than the pool: it queues
        searches.push_back(std::async(std::launch::async, [&server] {
            Client client("127.0.0.1", server.port());
            return client.request("POST", "/collections/a/search", R"({"query":"x"})").status;
        }));
    }
    gate.wait_for_waiters(kWorkers);

    Client client("127.0.0.1", server.port());
    const auto health = client.request("GET", "/health");
    CHECK(health.status == 200);
    CHECK(health.body == "GET /health");
    const auto write = client.request("PUT", "/collections/a/documents/1", "{}");
    CHECK(write.body == "PUT /collections/a/documents/1");
    Client another("127.0.0.1", server.port());  // a new connection is accepted too
    CHECK(another.request("GET", "/health").status == 200);

    gate.open();
    for (auto& search : searches) CHECK(search.get() == 200);
    server.stop();
    running.join();
}

TEST_CASE("only searches go to the worker pool", "[http][workers]") {
    const auto request = [](std::string method, std::string target) {
        Request r;
        r.method = std::move(method);
        r.target = std::move(target);
        return r;
    };
    CHECK(runs_on_workers(request("POST", "/collections/scifact/search")));
    CHECK(runs_on_workers(request("POST", "/collections/scifact/search?pretty")));
    CHECK_FALSE(runs_on_workers(request("GET", "/collections/scifact/search")));
    CHECK_FALSE(runs_on_workers(request("GET", "/health")));
    CHECK_FALSE(runs_on_workers(request("POST", "/collections/scifact/documents/_bulk")));
    CHECK_FALSE(runs_on_workers(request("PUT", "/collections/scifact/documents/search")));
    // A coordinator waits for these on a worker: they must not queue behind it.
    CHECK_FALSE(runs_on_workers(request("POST", "/_cluster/search/scifact")));
}
