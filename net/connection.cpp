#include "net/connection.hpp"

#include <poll.h>

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace braid::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string describe(const beast::error_code& ec) {
    if (ec == beast::error::timeout) return "timed out";
    if (ec == asio::error::connection_refused) return "connection refused";
    if (ec == asio::error::connection_reset) return "connection reset by peer";
    if (ec == asio::error::eof || ec == bhttp::error::end_of_stream || ec == asio::ssl::error::stream_truncated) {
        return "connection closed by peer";
    }
    return ec.message();
}

bool is_closed(const beast::error_code& ec) {
    return ec == asio::error::eof || ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
           ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated ||
           ec == bhttp::error::partial_message;
}

}  // namespace

struct Connection::Impl {
    asio::io_context io;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    bool healthy = true;

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
    const beast::tcp_stream& lowest() const { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    // Runs one asynchronous operation to its end on this thread; the stream's deadline bounds it.
    template <class Start>
    beast::error_code run(Start&& start) {
        beast::error_code result = asio::error::would_block;
        io.restart();
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        io.run();
        return result;
    }
};

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::~Connection() {
    if (impl_) {
        beast::error_code ignored;
        impl_->lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
        impl_->lowest().socket().close(ignored);
    }
}

std::unique_ptr<Connection> Connection::open(const Url& url, asio::ssl::context* tls,
                                             std::chrono::milliseconds timeout) {
    auto impl = std::make_unique<Impl>();
    tcp::resolver resolver(impl->io);
    tcp::resolver::results_type endpoints;
    {
        beast::error_code ec = asio::error::would_block;
        impl->io.restart();
        resolver.async_resolve(url.host, url.port, [&](beast::error_code e, tcp::resolver::results_type r) {
            ec = e;
            endpoints = std::move(r);
        });
        if (impl->io.run_for(timeout) == 0 || ec == asio::error::would_block) {
            resolver.cancel();
            impl->io.run();
            throw TransportFailure{FailureCause::connect, "resolving " + url.host + " timed out"};
        }
        if (ec) throw TransportFailure{FailureCause::connect, "cannot resolve " + url.host + ": " + ec.message()};
    }
    if (tls != nullptr) {
        impl->secure.emplace(impl->io, *tls);
    } else {
        impl->plain.emplace(impl->io);
    }
    impl->lowest().expires_after(timeout);
    if (auto ec = impl->run([&](auto handler) { impl->lowest().async_connect(endpoints, handler); })) {
        throw TransportFailure{FailureCause::connect, "cannot connect: " + describe(ec)};
    }
    impl->lowest().socket().set_option(tcp::no_delay(true));
    if (impl->secure) {
        SSL* ssl = impl->secure->native_handle();
        beast::error_code address_ec;
        asio::ip::make_address(url.host, address_ec);
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (!address_ec) {
            // An IP literal: no SNI (RFC 6066), the certificate must name the address.
            X509_VERIFY_PARAM_set1_ip_asc(param, url.host.c_str());
        } else {
            SSL_set_tlsext_host_name(ssl, url.host.c_str());
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            X509_VERIFY_PARAM_set1_host(param, url.host.c_str(), 0);
        }
        impl->lowest().expires_after(timeout);
        const auto ec = impl->run([&](auto handler) { impl->secure->async_handshake(asio::ssl::stream_base::client, handler); });
        if (ec) {
            std::string why = describe(ec);
            const long verify = SSL_get_verify_result(ssl);
            if (verify != X509_V_OK) why = std::string("certificate verification failed: ") + X509_verify_cert_error_string(verify);
            if (ec == beast::error::timeout) throw TransportFailure{FailureCause::connect, "TLS handshake " + why};
            throw TransportFailure{FailureCause::tls, "TLS handshake failed: " + why};
        }
    }
    return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

Response Connection::exchange(const Request& request, const Url& url, std::chrono::milliseconds timeout,
                              std::size_t max_body_bytes) {
    Impl& c = *impl_;
    c.healthy = false;  // until the exchange completes
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method), url.target, 11};
    if (req.method() == bhttp::verb::unknown) req.method_string(request.method);
    req.set(bhttp::field::host, url.host_header());
    req.set(bhttp::field::user_agent, "braid");
    req.set(bhttp::field::accept, "application/json");
    req.keep_alive(true);
    for (const auto& [name, value] : request.headers) req.set(name, value);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        req.set(bhttp::field::content_type, request.content_type);
        req.body() = request.body;
        req.prepare_payload();
    }

    c.lowest().expires_after(timeout);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(max_body_bytes);
    parser.header_limit(64 * 1024);
    auto fail = [&](const beast::error_code& ec, const char* stage) -> TransportFailure {
        const bool nothing = !parser.got_some();
        if (ec == beast::error::timeout) return {FailureCause::timeout, std::string("no answer within ") + std::to_string(timeout.count()) + " ms", false};
        if (is_closed(ec)) return {FailureCause::reset, describe(ec) + " while " + stage, nothing};
        if (ec.category() == bhttp::make_error_code(bhttp::error::body_limit).category()) {
            return {FailureCause::protocol, "invalid HTTP answer: " + ec.message(), false};
        }
        return {FailureCause::reset, describe(ec) + " while " + stage, nothing};
    };
    auto write = [&](auto& stream) { return c.run([&](auto handler) { bhttp::async_write(stream, req, handler); }); };
    auto read = [&](auto& stream) { return c.run([&](auto handler) { bhttp::async_read(stream, c.buffer, parser, handler); }); };
    if (auto ec = c.secure ? write(*c.secure) : write(*c.plain)) throw fail(ec, "sending the request");
    if (auto ec = c.secure ? read(*c.secure) : read(*c.plain)) throw fail(ec, "reading the answer");

    auto message = parser.release();
    Response response;
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response.body = std::move(message.body());
    c.healthy = message.keep_alive();
    return response;
}

bool Connection::reusable() const {
    if (!impl_->healthy) return false;
    // An idle HTTP connection has nothing to read; readable means the peer closed it (or sent junk).
    pollfd pfd{};
    pfd.fd = const_cast<Impl&>(*impl_).lowest().socket().native_handle();
    pfd.events = POLLIN;
    return ::poll(&pfd, 1, 0) == 0;
}

}  // namespace braid::net
