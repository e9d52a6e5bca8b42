// The HTTP server over real sockets, with a handler that is not the Api: keep-alive, limits,
// timeouts, garbage and graceful stop.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "http/client.hpp"
#include "http/server.hpp"

using namespace braid::http;

namespace {

// A server on an ephemeral port running on its own thread for the length of a test.
class RunningServer {
public:
    explicit RunningServer(ServerOptions options, RequestHandler handler)
        : server_(adjust(std::move(options)), std::move(handler)),
          thread_([this] { server_.run(); }) {}
    ~RunningServer() { stop(); }
    // Asks for the graceful stop and returns at once.
    void request_stop() { server_.stop(); }
    // Asks for the graceful stop and waits until run() has returned.
    void stop() {
        if (thread_.joinable()) {
            server_.stop();
            thread_.join();
        }
    }
    std::uint16_t port() const { return server_.port(); }

private:
    static ServerOptions adjust(ServerOptions options) {
        options.port = 0;
        options.handle_signals = false;
        if (options.threads == 0) options.threads = 2;
        return options;
    }
    Server server_;
    std::thread thread_;
};

Response echo(const Request& request) {
    Response response;
    response.body = request.method + " " + request.target + " " + request.content_type + " " +
                    std::to_string(request.body.size());
    return response;
}

// A raw TCP connection for what a polite client would not send.
class RawSocket {
public:
    explicit RawSocket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        timeval timeout{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    ~RawSocket() { ::close(fd_); }
    void send(const std::string& bytes) { REQUIRE(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) >= 0); }
    // Everything until the peer closes (or the 5 s receive timeout: see closed_by_peer()).
    std::string read_all() {
        std::string out;
        while (receive(out)) {
        }
        return out;
    }
    // Reads until `marker` has arrived (or the peer closes, or the receive timeout).
    std::string read_until(const std::string& marker) {
        std::string out;
        while (out.find(marker) == std::string::npos && receive(out)) {
        }
        return out;
    }
    // Whether the last read ended because the server closed the connection (not the timeout).
    bool closed_by_peer() const { return closed_by_peer_; }

private:
    bool receive(std::string& out) {
        char buffer[4096];
        const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
        closed_by_peer_ = n == 0;
        if (n <= 0) return false;
        out.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    int fd_;
    bool closed_by_peer_ = false;
};

}  // namespace

TEST_CASE("one keep-alive connection serves many requests", "[http][server]") {
    std::atomic<int> served{0};
    RunningServer server({}, [&](const Request& request) {
        ++served;
        return echo(request);
    });
    Client client("127.0.0.1", server.port());
    for (int i = 0; i < 20; ++i) {
        const auto response = client.request("POST", "/x?i=" + std::to_string(i), "{}", "application/json");
        CHECK(response.status == 200);
        CHECK(response.keep_alive);
        CHECK(response.body == "POST /x?i=" + std::to_string(i) + " application/json 2");
    }
    CHECK(served == 20);
}

TEST_CASE("a body over the limit is answered 413 and the connection closed after", "[http][server]") {
    ServerOptions options;
    options.max_body_bytes = 1000;
    RunningServer server(options, echo);
    Client client("127.0.0.1", server.port());
    CHECK(client.request("POST", "/x", std::string(1000, 'a')).status == 200);
    const auto too_big = client.request("POST", "/x", std::string(1001, 'a'));
    CHECK(too_big.status == 413);
    CHECK(too_big.body.find("payload_too_large") != std::string::npos);
    CHECK_FALSE(too_big.keep_alive);
    CHECK(client.request("GET", "/after").status == 200);  // a new connection works

    // A chunked body that grows past the limit is caught while it streams.
    RawSocket raw(server.port());
    raw.send("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 3; ++i) raw.send("1f4\r\n" + std::string(500, 'b') + "\r\n");
    raw.send("0\r\n\r\n");
    const std::string answer = raw.read_all();
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
}

TEST_CASE("a client that says Expect: 100-continue gets 413 before sending a large body",
          "[http][server]") {
    ServerOptions options;
    options.max_body_bytes = 10;
    RunningServer server(options, echo);
    RawSocket raw(server.port());
    raw.send("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n");
    CHECK(raw.read_all().rfind("HTTP/1.1 413", 0) == 0);

    RawSocket small(server.port());
    small.send("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
    const std::string interim = small.read_until("\r\n\r\n");  // the body goes after the interim answer
    CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
    small.send("abcd");
    const std::string answer = interim + small.read_all();
    CHECK(answer.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200", 0) == 0);
    CHECK(answer.find("PUT /x  4") != std::string::npos);
}

TEST_CASE("garbage bytes close that connection only", "[http][server]") {
    RunningServer server({}, echo);
    Client good("127.0.0.1", server.port());
    CHECK(good.request("GET", "/before").status == 200);
    RawSocket garbage(server.port());
    static const char bytes[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n";
    garbage.send(std::string(bytes, sizeof bytes - 1));
    const std::string answer = garbage.read_all();
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(good.request("GET", "/after").status == 200);
}

TEST_CASE("a stalled client times out", "[http][server]") {
    const std::string partial = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly a part";
    SECTION("the server closes the connection of a client that stops sending") {
        ServerOptions options;
        options.request_timeout_ms = 200;
        RunningServer server(options, echo);
        RawSocket stalled(server.port());
        stalled.send(partial);
        CHECK(stalled.read_all().empty());  // no answer ...
        CHECK(stalled.closed_by_peer());     // ... and the server, not our 5 s patience, ended it
        Client client("127.0.0.1", server.port());
        CHECK(client.request("GET", "/still-serving").status == 200);
    }
    SECTION("the same part of a request is completed when the client goes on before the timeout") {
        RunningServer server({}, echo);  // 30 s: not reached
        RawSocket slow(server.port());
        slow.send(partial);
        slow.send(std::string(100 - std::string("only a part").size(), 'x'));
        const std::string answer = slow.read_until("POST /x  100");
        CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
        CHECK(answer.find("POST /x  100") != std::string::npos);
    }
}

TEST_CASE("stop lets an in-flight request finish and closes idle connections", "[http][server]") {
    // The handler holds its request until the test has seen the stop take effect: no sleeps.
    std::mutex mutex;
    std::condition_variable changed;
    bool entered = false, release = false;
    auto held = [&](const Request& request) {
        std::unique_lock lock(mutex);
        entered = true;
        changed.notify_all();
        changed.wait(lock, [&] { return release; });
        return echo(request);
    };
    auto server = std::make_unique<RunningServer>(ServerOptions{}, held);
    const auto port = server->port();
    RawSocket idle(port);  // connected, never sends
    ClientResponse response;
    std::thread in_flight([&] {
        Client client("127.0.0.1", port);
        response = client.request("GET", "/slow");
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return entered; });
    }
    server->request_stop();
    // The server's own signal that the stop has begun: it closes the idle connection unanswered.
    CHECK(idle.read_all().empty());
    CHECK(idle.closed_by_peer());
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    server->stop();  // returns once run() has returned, which waits for the request in flight
    in_flight.join();
    CHECK(response.status == 200);
    CHECK(response.body == "GET /slow  0");
    CHECK_FALSE(response.keep_alive);
    CHECK_THROWS(Client("127.0.0.1", port));  // no longer accepting
}
