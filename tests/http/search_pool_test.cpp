// The search pool: sized to the process's CPU affinity, and bounded (a full queue refuses at
// once; the server answers such a search 503 `overloaded`).
#include <catch2/catch.hpp>

#include <sched.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "http/api.hpp"
#include "http/client.hpp"
#include "http/search_pool.hpp"
#include "http/server.hpp"
#include "tests/http/gate.hpp"

using namespace braid::http;

using braid::http::test::Gate;

TEST_CASE("usable_cores counts the CPUs this process may run on", "[http][workers]") {
    cpu_set_t set;
    CPU_ZERO(&set);
    REQUIRE(sched_getaffinity(0, sizeof(set), &set) == 0);
    CHECK(usable_cores() == static_cast<unsigned>(CPU_COUNT(&set)));

    // Pinned to one CPU (as `taskset -c N braid serve`), a thread counts one.
    int first = 0;
    while (!CPU_ISSET(first, &set)) ++first;
    std::promise<unsigned> counted;
    std::thread pinned([&] {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(first, &one);
        // Catch2's macros are not thread-safe: report a failed pin as 0.
        counted.set_value(sched_setaffinity(0, sizeof(one), &one) == 0 ? usable_cores() : 0u);
    });
    pinned.join();
    CHECK(counted.get_future().get() == 1);
}

TEST_CASE("a full search queue refuses at once", "[http][workers]") {
    Gate gate;
    SearchPool pool(1, 1);
    REQUIRE(pool.reserve());
    pool.post([&] { gate.wait(); });
    gate.wait_for_waiters(1);  // the worker is busy: the next job waits in the queue
    REQUIRE(pool.reserve());
    pool.post([] {});
    CHECK_FALSE(pool.reserve());  // the queue's one place is taken
    CHECK_FALSE(pool.reserve());
    gate.open();
    pool.join();
}

TEST_CASE("with no queue, a search beyond the busy workers is answered 503 overloaded", "[http][workers]") {
    Gate gate;
    ServerOptions options;
    options.port = 0;
    options.handle_signals = false;
    options.threads = 1;
    options.workers = 1;
    options.queue = 0;
    options.offload = runs_on_workers;
    Server server(options, [&gate](const Request& request) {
        Response response;
        if (runs_on_workers(request)) gate.wait();
        response.body = R"({"hits":[]})";
        return response;
    });
    std::thread running([&] { server.run(); });

    auto held = std::async(std::launch::async, [&server] {
        Client client("127.0.0.1", server.port());
        return client.request("POST", "/collections/a/search", R"({"query":"x"})").status;
    });
    gate.wait_for_waiters(1);

    Client client("127.0.0.1", server.port());
    const auto refused = client.request("POST", "/collections/a/search", R"({"query":"y"})");
    CHECK(refused.status == 503);
    CHECK(refused.body.find(R"("type":"overloaded")") != std::string::npos);
    CHECK(client.request("GET", "/health").status == 200);  // the same connection goes on

    gate.open();
    CHECK(held.get() == 200);
    CHECK(client.request("POST", "/collections/a/search", R"({"query":"z"})").status == 200);
    server.stop();
    running.join();
}
