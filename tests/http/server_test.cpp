// The HTTP server over real sockets, with a handler that is not the Api: keep-alive, limits,
// timeouts, garbage and graceful stop.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "http/client.hpp"
#include "http/server.hpp"

using namespace braid::http;
using namespace std::chrono_literals;

namespace {

// A server on an ephemeral port running on its own thread for the length of a test.
class RunningServer {
public:
    explicit RunningServer(ServerOptions options, RequestHandler handler)
        : server_(adjust(std::move(options)), std::move(handler)),
          thread_([this] { server_.run(); }) {}
    ~RunningServer() { stop(); }
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
    // Everything until the peer closes (or the 5 s receive timeout).
    std::string read_all() {
        std::string out;
        char buffer[4096];
        while (true) {
            const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }

private:
    int fd_;
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
    std::this_thread::sleep_for(50ms);
    small.send("abcd");
    const std::string answer = small.read_all();
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
    ServerOptions options;
    options.request_timeout_ms = 200;
    RunningServer server(options, echo);
    RawSocket stalled(server.port());
    stalled.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly a part");
    const auto started = std::chrono::steady_clock::now();
    stalled.read_all();  // returns when the server closes
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(waited >= 150ms);
    CHECK(waited < 3s);
    Client client("127.0.0.1", server.port());
    CHECK(client.request("GET", "/still-serving").status == 200);
}

TEST_CASE("stop lets an in-flight request finish and closes idle connections", "[http][server]") {
    std::atomic<bool> entered{false};
    auto slow = [&](const Request& request) {
        entered = true;
        std::this_thread::sleep_for(300ms);
        return echo(request);
    };
    auto server = std::make_unique<RunningServer>(ServerOptions{}, slow);
    const auto port = server->port();
    RawSocket idle(port);  // connected, never sends
    ClientResponse response;
    std::thread in_flight([&] {
        Client client("127.0.0.1", port);
        response = client.request("GET", "/slow");
    });
    while (!entered) std::this_thread::sleep_for(5ms);
    const auto started = std::chrono::steady_clock::now();
    server->stop();  // returns once run() has returned
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    in_flight.join();
    CHECK(response.status == 200);
    CHECK(response.body == "GET /slow  0");
    CHECK_FALSE(response.keep_alive);
    CHECK(idle.read_all().empty());  // closed without an answer
    CHECK_THROWS(Client("127.0.0.1", port));  // no longer accepting
}
