#pragma once
// Internal to http/: one client connection of the Server.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/access_log.hpp"
#include "http/search_pool.hpp"
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
    // Requests `offload` picks take a place in `workers` (both null: none do); when its queue is
    // full they are answered 503 `overloaded` at once.
    const std::function<bool(const Request&)>* offload = nullptr;
    SearchPool* workers = nullptr;
};

// What the registry holds of a session, whatever its transport.
class Session {
public:
    virtual ~Session() = default;
    // Thread-safe: an idle connection closes now, a busy one after its response is written.
    virtual void stop() = 0;
};

// One HTTP/1.1 connection over `Stream`: beast::tcp_stream, or a TLS stream over it.
template <class Stream>
class HttpSession final : public Session, public std::enable_shared_from_this<HttpSession<Stream>> {
public:
    // `stream_args` construct the Stream (the accepted socket, and for TLS the context).
    template <class... StreamArgs>
    HttpSession(const RequestHandler& handler, SessionLimits limits, std::shared_ptr<SessionRegistry> registry,
                StreamArgs&&... stream_args);
    ~HttpSession() override;

    void start();
    void stop() override;

private:
    using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
    using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

    auto& transport() { return boost::beast::get_lowest_layer(stream_); }
    void read_header();
    void on_header(boost::beast::error_code ec);
    void read_body();
    void on_body(boost::beast::error_code ec);
    void on_read_error(boost::beast::error_code ec);
    void serve();
    Response handle(const Request& request) const;  // the handler's answer, or a 500
    void send(Response response, bool keep_alive, unsigned version);
    // gzip when the client accepts it and the body is worth it; X-Request-Id; the access log line.
    void finish(const Request& request, Response& response, std::chrono::steady_clock::time_point started) const;
    void on_write(bool keep_alive, boost::beast::error_code ec);
    // Shuts down our sending side (plain TCP) and reads (discards) what the client still sends,
    // for a short while, so the answer already written is not destroyed by a TCP reset.
    void close_gracefully();
    void drain();

    Stream stream_;
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

using PlainSession = HttpSession<boost::beast::tcp_stream>;
using TlsSession = HttpSession<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

// Registers a session for an accepted connection and starts it (TLS: with the handshake).
std::shared_ptr<Session> start_session(boost::asio::ip::tcp::socket socket, const RequestHandler& handler,
                                       SessionLimits limits, std::shared_ptr<SessionRegistry> registry);
std::shared_ptr<Session> start_tls_session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
                                           const RequestHandler& handler, SessionLimits limits,
                                           std::shared_ptr<SessionRegistry> registry);

}  // namespace braid::http
