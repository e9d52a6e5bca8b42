#include "http/session.hpp"

#include <algorithm>
#include <exception>
#include <string_view>
#include <type_traits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "core/json_reindent.hpp"
#include "http/gzip.hpp"
#include "http/query_string.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"

namespace braid::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {
template <class Stream>
constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;

constexpr std::size_t body_read_chunk = 1 << 20;      // most of a known-length body read at once
constexpr std::size_t chunked_read_piece = 64 << 10;  // a chunked body's length is not known
}

void SessionRegistry::add(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(mutex_);
    forget_closed();
    sessions_.push_back(session);
}

void SessionRegistry::closed() {
    const std::size_t still_open = --active_;
    // A weak_ptr keeps the memory of its (make_shared) session allocated: let go of those of closed
    // sessions, or the last burst of connections stays in memory until the next one arrives.
    std::lock_guard lock(mutex_);
    if (sessions_.size() > 2 * still_open + 64) forget_closed();
}

void SessionRegistry::forget_closed() {
    std::erase_if(sessions_, [](const std::weak_ptr<Session>& s) { return s.expired(); });
}

void SessionRegistry::stop_all() {
    stopping_ = true;
    std::vector<std::weak_ptr<Session>> sessions;
    {
        std::lock_guard lock(mutex_);
        sessions = sessions_;
    }
    for (const auto& weak : sessions) {
        if (auto session = weak.lock()) session->stop();
    }
}

template <class Stream>
template <class... StreamArgs>
HttpSession<Stream>::HttpSession(const RequestHandler& handler, SessionLimits limits,
                                 std::shared_ptr<SessionRegistry> registry, StreamArgs&&... stream_args)
    : stream_(std::forward<StreamArgs>(stream_args)...), handler_(handler), limits_(limits), registry_(std::move(registry)) {
    registry_->opened();
    beast::error_code ignored;  // small answers go out at once, not after a delayed ACK
    transport().socket().set_option(asio::ip::tcp::no_delay(true), ignored);
}

template <class Stream>
HttpSession<Stream>::~HttpSession() { registry_->closed(); }

template <class Stream>
void HttpSession<Stream>::start() {
    if constexpr (is_tls<Stream>) {
        // The handshake gets the request timeout, so a client that never speaks TLS is let go.
        transport().expires_after(limits_.timeout);
        stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
            if (ec) return self->transport().close();
            self->read_header();
        });
    } else {
        asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->read_header(); });
    }
}

template <class Stream>
void HttpSession<Stream>::stop() {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
        const bool idle = self->waiting_for_request_ && self->buffer_.size() == 0 &&
                          !(self->parser_ && self->parser_->got_some());
        if (idle) self->transport().close();  // the pending read completes with operation_aborted
    });
}

template <class Stream>
void HttpSession<Stream>::read_header() {
    parser_.emplace();
    parser_->header_limit(64 * 1024);
    parser_->body_limit(limits_.max_body_bytes);
    waiting_for_request_ = true;
    if (registry_->stopping() && buffer_.size() == 0) {
        transport().close();
        return;
    }
    transport().expires_after(limits_.timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                 self->on_header(ec);
                             });
}

template <class Stream>
void HttpSession<Stream>::on_header(beast::error_code ec) {
    waiting_for_request_ = false;
    if (ec) return on_read_error(ec);
    const auto length = parser_->content_length();
    if (length && *length > limits_.max_body_bytes) return on_read_error(bhttp::error::body_limit);
    // A whole body gets the timeout plus time for its size at a slow-but-honest 64 KiB/s, so a
    // client that trickles a byte at a time cannot hold a connection forever.
    const auto expected = length ? *length : limits_.max_body_bytes;
    body_deadline_ = std::chrono::steady_clock::now() + limits_.timeout +
                     std::chrono::milliseconds(expected / 64);
    const auto expect = parser_->get()[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue")) {
        static constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";
        transport().expires_after(limits_.timeout);
        asio::async_write(stream_, asio::buffer(continue_line.data(), continue_line.size()),
                          [self = this->shared_from_this()](beast::error_code write_ec, std::size_t) {
                              if (write_ec) return self->transport().close();
                              self->read_body();
                          });
        return;
    }
    read_body();
}

template <class Stream>
void HttpSession<Stream>::read_body() {
    if (parser_->is_done()) {
        if (buffer_.capacity() > 64 * 1024) buffer_.shrink_to_fit();  // idle connections stay small
        return serve();
    }
    // Beast reads into the buffer's free capacity (at least 512 bytes); grow it so a large body
    // arrives in a few big reads instead of thousands of small ones, each waiting its turn on a
    // busy I/O thread. Only by what the body still lacks: 256 connections whose small search bodies
    // came apart from their headers must not each hold a 1 MiB buffer.
    const auto remaining = parser_->content_length_remaining();
    const std::size_t piece = remaining ? static_cast<std::size_t>(std::min<std::uint64_t>(*remaining, body_read_chunk))
                                        : chunked_read_piece;
    if (buffer_.capacity() - buffer_.size() < piece) buffer_.reserve(buffer_.size() + piece);
    // The timeout bounds a stall, not the whole body: a large body arriving steadily on a busy
    // server is not cut off; each piece read restarts the clock.
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(body_deadline_ -
                                                                          std::chrono::steady_clock::now());
    if (left.count() <= 0) return on_read_error(beast::error::timeout);
    transport().expires_after(std::min(limits_.timeout, left));
    bhttp::async_read_some(stream_, buffer_, *parser_,
                           [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->on_body(ec);
                               self->read_body();
                           });
}

template <class Stream>
void HttpSession<Stream>::on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    serve();
}

template <class Stream>
void HttpSession<Stream>::on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::connection_reset) {
        transport().close();
        return;
    }
    const unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
    if (ec == bhttp::error::body_limit) {
        Response response = error_response(413, "payload_too_large",
                                           "the body is larger than server.max_body_bytes (" +
                                               std::to_string(limits_.max_body_bytes) + " bytes)");
        if (wants_pretty(parser_->get().target())) response.body = reindent_json_text(response.body);
        send(std::move(response), false, version);
        return;
    }
    if (ec == bhttp::error::header_limit) {
        send(error_response(431, "header_too_large", "the request header is larger than 64 KiB"),
             false, version);
        return;
    }
    // Garbage on the socket: answer once, then close this connection only.
    send(error_response(400, "bad_request", "malformed HTTP request (" + ec.message() + ")"), false,
         version);
}

template <class Stream>
void HttpSession<Stream>::serve() {
    const auto started = std::chrono::steady_clock::now();
    HttpRequest message = parser_->release();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.content_type = std::string(message[bhttp::field::content_type]);
    request.authorization = std::string(message[bhttp::field::authorization]);
    request.accept_encoding = std::string(message[bhttp::field::accept_encoding]);
    request.request_id = request_id_for(message["X-Request-Id"]);
    request.origin = std::string(message[bhttp::field::origin]);
    request.cors_request_method = std::string(message[bhttp::field::access_control_request_method]);
    request.body = std::move(message.body());
    const bool keep_alive = message.keep_alive();
    const unsigned version = message.version();
    if (limits_.workers && limits_.offload && (*limits_.offload)(request)) {
        // A search runs right here on this I/O thread when one of the pool's places is free (its
        // standbys take over the I/O loop if it runs long); otherwise it waits in the pool's queue
        // and its answer is sent from this session's strand; a full queue answers 503 at once.
        auto [admitted, slot] = limits_.workers->admit([&] {
            return [self = this->shared_from_this(), request = std::move(request), keep_alive, version,
                    started]() mutable {
                Response response = self->handle(request);
                asio::post(self->stream_.get_executor(), [self, request = std::move(request),
                                                          response = std::move(response), keep_alive, version,
                                                          started]() mutable {
                    self->finish(request, response, started);
                    self->send(std::move(response), keep_alive && !self->registry_->stopping(), version);
                });
            };
        });
        if (admitted == SearchPool::Admitted::queued) return;
        Response response = admitted == SearchPool::Admitted::here
                                ? handle(request)
                                : error_response(503, "overloaded",
                                                 "the search queue is full (server.search_queue); retry shortly");
        slot.release();
        finish(request, response, started);
        send(std::move(response), keep_alive && !registry_->stopping(), version);
        return;
    }
    Response response = handle(request);
    finish(request, response, started);
    send(std::move(response), keep_alive && !registry_->stopping(), version);
}

template <class Stream>
Response HttpSession<Stream>::handle(const Request& request) const {
    try {
        return handler_(request);
    } catch (const std::exception& error) {
        return error_response(500, "internal", error.what());
    }
}

template <class Stream>
void HttpSession<Stream>::finish(const Request& request, Response& response, std::chrono::steady_clock::time_point started) const {
    constexpr std::size_t worth_compressing = 1024;
    if (response.body.size() > worth_compressing) {
        response.headers.emplace_back("Vary", "Accept-Encoding");
        if (accepts_gzip(request.accept_encoding)) {
            response.body = gzip_compress(response.body);
            response.headers.emplace_back("Content-Encoding", "gzip");
        }
    }
    response.headers.emplace_back("X-Request-Id", request.request_id);
    if (limits_.access_log == nullptr) return;
    AccessRecord record;
    record.time = std::chrono::system_clock::now();
    record.method = request.method;
    record.target = request.target;
    record.route = response.route;
    record.collection = response.collection;
    record.request_id = request.request_id;
    record.status = response.status;
    record.bytes = response.body.size();
    record.duration_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    limits_.access_log->write(record);
}

template <class Stream>
void HttpSession<Stream>::send(Response response, bool keep_alive, unsigned version) {
    response_ = HttpResponse(static_cast<bhttp::status>(response.status), version);
    response_.set(bhttp::field::server, "braid");
    if (!response.content_type.empty()) response_.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) response_.insert(name, value);  // e.g. two Vary
    response_.keep_alive(keep_alive);
    if (response.omit_body) {
        response_.content_length(response.body.size());  // what a GET would have carried
    } else {
        response_.body() = std::move(response.body);
        response_.prepare_payload();
    }
    transport().expires_after(limits_.timeout);
    bhttp::async_write(stream_, response_,
                       [self = this->shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                           self->on_write(keep_alive, ec);
                       });
}

template <class Stream>
void HttpSession<Stream>::on_write(bool keep_alive, beast::error_code ec) {
    if (ec) {
        transport().close();
        return;
    }
    response_ = HttpResponse{};  // an idle connection does not keep its last answer
    if (!keep_alive) return close_gracefully();
    read_header();
}

template <class Stream>
void HttpSession<Stream>::close_gracefully() {
    if constexpr (is_tls<Stream>) {
        // No close_notify first: a client still sending a body we refused (413) must be able to
        // finish and read the answer, so read and discard until it closes or the timer ends.
        transport().expires_after(std::chrono::seconds(2));
        drain_buffer_ = std::make_unique<std::array<char, 16384>>();
        drain();
        return;
    }
    beast::error_code ignored;
    transport().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    transport().expires_after(std::chrono::seconds(2));
    drain_buffer_ = std::make_unique<std::array<char, 16384>>();
    drain();
}

template <class Stream>
void HttpSession<Stream>::drain() {
    stream_.async_read_some(asio::buffer(*drain_buffer_),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                if (ec) {
                                    self->transport().close();
                                    return;
                                }
                                self->drain();
                            });
}

std::shared_ptr<Session> start_session(asio::ip::tcp::socket socket, const RequestHandler& handler, SessionLimits limits,
                                       std::shared_ptr<SessionRegistry> registry) {
    auto session = std::make_shared<PlainSession>(handler, limits, registry, std::move(socket));
    registry->add(session);
    session->start();
    return session;
}

std::shared_ptr<Session> start_tls_session(asio::ip::tcp::socket socket, asio::ssl::context& tls,
                                           const RequestHandler& handler, SessionLimits limits,
                                           std::shared_ptr<SessionRegistry> registry) {
    auto session = std::make_shared<TlsSession>(handler, limits, registry, std::move(socket), tls);
    registry->add(session);
    session->start();
    return session;
}

}  // namespace braid::http
