// The search pool: sized to the process's CPU affinity, and bounded (a full queue refuses at
// once; the server answers such a search 503 `overloaded`); a search held on the I/O thread that
// read it does not starve the server's other connections.
#include <catch2/catch.hpp>

#include <sched.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

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

TEST_CASE("a search runs where it was read while a place is free, then waits in the queue, then is refused",
          "[http][workers]") {
    boost::asio::io_context io;
    // No standby joins this test's I/O loop (it would run the queued jobs behind the test's back).
    const std::chrono::microseconds never = std::chrono::hours(1);
    SearchPool pool(io, 1, 1, never);
    int made = 0;
    const auto make_job = [&] {
        ++made;
        return [] {};
    };
    auto [first, slot] = pool.admit(make_job);
    CHECK(first == SearchPool::Admitted::here);
    CHECK(static_cast<bool>(slot));
    CHECK(made == 0);  // a search run here is not made into a job
    auto [second, none] = pool.admit(make_job);
    CHECK(second == SearchPool::Admitted::queued);
    CHECK_FALSE(static_cast<bool>(none));
    CHECK(made == 1);
    CHECK(pool.admit(make_job).first == SearchPool::Admitted::refused);  // the queue's one place is taken
    CHECK(made == 1);

    // Releasing the place starts the queued search on the I/O loop; it keeps the place meanwhile.
    bool ran = false;
    SearchPool other(io, 1, 1, never);
    auto [here, held] = other.admit([] { return [] {}; });
    REQUIRE(here == SearchPool::Admitted::here);
    REQUIRE(other.admit([&] { return [&ran] { ran = true; }; }).first == SearchPool::Admitted::queued);
    held.release();
    CHECK(other.admit([] { return [] {}; }).first == SearchPool::Admitted::queued);  // the place passed on
    io.run();
    CHECK(ran);
    CHECK(other.admit([] { return [] {}; }).first == SearchPool::Admitted::here);
    slot.release();
    io.restart();
    io.run();
}

TEST_CASE("a search held on the only I/O thread: a standby answers /health, writes and new connections",
          "[http][workers]") {
    Gate gate;
    ServerOptions options;
    options.port = 0;
    options.handle_signals = false;
    options.threads = 1;
    options.workers = 1;
    options.offload = runs_on_workers;
    Server server(options, [&gate](const Request& request) {
        Response response;
        if (runs_on_workers(request)) gate.wait();
        response.body = request.method + " " + request.target;
        return response;
    });
    std::thread running([&] { server.run(); });

    auto held = std::async(std::launch::async, [&server] {
        Client client("127.0.0.1", server.port());
        return client.request("POST", "/collections/a/search", R"({"query":"x"})").status;
    });
    gate.wait_for_waiters(1);  // the search holds the one I/O thread that read it

    Client client("127.0.0.1", server.port());
    const auto health = client.request("GET", "/health");
    CHECK(health.status == 200);
    CHECK(health.body == "GET /health");
    CHECK(client.request("PUT", "/collections/a/documents/1", "{}").body == "PUT /collections/a/documents/1");
    Client another("127.0.0.1", server.port());
    CHECK(another.request("GET", "/health").status == 200);
    // A second search waits in the queue for the held one's place, and is answered once it ends.
    auto queued = std::async(std::launch::async, [&server] {
        Client client("127.0.0.1", server.port());
        return client.request("POST", "/collections/a/search", R"({"query":"y"})").body;
    });
    CHECK(client.request("GET", "/health").status == 200);

    gate.open();
    CHECK(held.get() == 200);
    CHECK(queued.get() == "POST /collections/a/search");
    server.stop();
    running.join();
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
