#include "http/client.hpp"

#include <algorithm>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "core/error.hpp"

namespace braid::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::string ClientResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) return value;
    }
    return {};
}

struct Client::Impl {
    std::string host;
    std::uint16_t port;
    std::chrono::milliseconds timeout;
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
    bool open = false;

    void connect() {
        beast::error_code ec;
        stream.close();
        buffer.clear();
        asio::ip::tcp::resolver resolver(io);
        const auto endpoints = resolver.resolve(host, std::to_string(port), ec);
        if (!ec) {
            stream.expires_after(timeout);
            stream.connect(endpoints, ec);
        }
        if (ec) {
            throw Error(ErrorKind::io, "connect_failed",
                        "cannot connect to " + host + ":" + std::to_string(port) + ": " + ec.message());
        }
        open = true;
    }

    bool exchange(const bhttp::request<bhttp::string_body>& request, ClientResponse& out,
                  beast::error_code& ec) {
        stream.expires_after(timeout);
        bhttp::write(stream, request, ec);
        if (ec) return false;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(std::uint64_t{1} << 34);
        parser.skip(request.method() == bhttp::verb::head);  // its Content-Length is a GET's body, not sent
        bhttp::read(stream, buffer, parser, ec);
        if (ec) return false;
        const auto& response = parser.get();
        out.status = response.result_int();
        out.body = response.body();
        out.keep_alive = response.keep_alive();
        out.headers.clear();
        for (const auto& field : response) {
            out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        return true;
    }
};

Client::Client(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
    impl_->host = std::move(host);
    impl_->port = port;
    impl_->timeout = timeout;
    impl_->connect();
}

Client::~Client() = default;

ClientResponse Client::request(std::string_view method, std::string_view target, std::string_view body,
                               std::string_view content_type,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
    bhttp::request<bhttp::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(bhttp::field::host, impl_->host);
    if (!body.empty() || method == "POST" || method == "PUT") {
        if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
        request.body() = std::string(body);
    }
    for (const auto& [name, value] : headers) request.set(name, value);
    request.keep_alive(true);
    request.prepare_payload();

    ClientResponse out;
    beast::error_code ec;
    if (!impl_->open) impl_->connect();
    if (impl_->exchange(request, out, ec)) {
        if (!out.keep_alive) impl_->open = false;
        return out;
    }
    // The server may have closed an idle keep-alive connection: retry once on a new one.
    impl_->connect();
    if (!impl_->exchange(request, out, ec)) {
        impl_->open = false;
        throw Error(ErrorKind::io, "request_failed",
                    std::string(method) + " " + std::string(target) + " failed: " + ec.message());
    }
    if (!out.keep_alive) impl_->open = false;
    return out;
}

}  // namespace braid::http
