#pragma once
// Internal to http/: one client connection of the Server.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/access_log.hpp"
#include "http/server.hpp"

namespace braid::http {

class Session;

// The live sessions of a server, so a graceful stop can reach each of them.
class SessionRegistry {
public:
    void add(const std::shared_ptr<Session>& session);
    void stop_all();                        // asks every live session to finish and close
    bool stopping() const { return stopping_.load(); }
    std::size_t active() const { return active_.load(); }

    void opened() { ++active_; }
    void closed();

private:
    void forget_closed();  // call holding mutex_

    std::mutex mutex_;
    std::vector<std::weak_ptr<Session>> sessions_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> active_{0};
};

struct SessionLimits {
    std::uint64_t max_body_bytes = 0;
    std::chrono::milliseconds timeout{30000};
    const AccessLog* access_log = nullptr;  // null: no access log
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(boost::asio::ip::tcp::socket socket, const RequestHandler& handler, SessionLimits limits,
            std::shared_ptr<SessionRegistry> registry);
    ~Session();

    void start();
    // Thread-safe: an idle connection closes now, a busy one after its response is written.
    void stop();

private:
    using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
    using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

    void read_header();
    void on_header(boost::beast::error_code ec);
    void read_body();
    void on_body(boost::beast::error_code ec);
    void on_read_error(boost::beast::error_code ec);
    void serve();
    void send(Response response, bool keep_alive, unsigned version);
    // gzip when the client accepts it and the body is worth it; X-Request-Id; the access log line.
    void finish(const Request& request, Response& response, std::chrono::steady_clock::time_point started) const;
    void on_write(bool keep_alive, boost::beast::error_code ec);
    // Shuts down our sending side and reads (discards) what the client still sends, for a short
    // while, so the answer already written is not destroyed by a TCP reset.
    void close_gracefully();
    void drain();

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    HttpResponse response_;
    const RequestHandler& handler_;
    SessionLimits limits_;
    std::chrono::steady_clock::time_point body_deadline_{};
    std::shared_ptr<SessionRegistry> registry_;
    std::unique_ptr<std::array<char, 16384>> drain_buffer_;  // only while closing gracefully
    bool waiting_for_request_ = false;   // no byte of the next request has arrived yet
};

}  // namespace braid::http
