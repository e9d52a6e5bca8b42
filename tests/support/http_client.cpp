#include "tests/support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <strings.h>

namespace braid::test_support {

namespace {

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Case-insensitive header lookup inside the header block (lines after the status line).
std::string header_value(std::string_view headers, std::string_view name) {
    std::size_t start = 0;
    while (start < headers.size()) {
        std::size_t end = headers.find("\r\n", start);
        if (end == std::string_view::npos) end = headers.size();
        const std::string_view line = headers.substr(start, end - start);
        const std::size_t colon = line.find(':');
        if (colon == name.size() && ::strncasecmp(line.data(), name.data(), name.size()) == 0) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
            return std::string(value);
        }
        start = end + 2;
    }
    return {};
}

}  // namespace

HttpClient::HttpClient(std::uint16_t port) : port_(port) {}

HttpClient::~HttpClient() { close(); }

void HttpClient::connect() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw TransportError(errno_text("socket"));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const std::string message = errno_text("connect");
        close();
        throw TransportError(message);
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval timeout{30, 0};  // a hung server fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    buffer_.clear();
}

void HttpClient::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
}

void HttpClient::send_all(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) throw TransportError(errno_text("send"));
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
}

std::size_t HttpClient::fill() {
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw TransportError(errno_text("recv"));
        buffer_.append(chunk, static_cast<std::size_t>(got));
        return static_cast<std::size_t>(got);
    }
}

HttpResponse HttpClient::read_response() {
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (fill() == 0) throw TransportError("connection closed before a response");
    }
    const std::string head = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);

    HttpResponse response;
    const std::size_t space = head.find(' ');
    if (head.rfind("HTTP/1.", 0) != 0 || space == std::string::npos) {
        throw TransportError("not an HTTP response: " + head.substr(0, 80));
    }
    response.status = std::atoi(head.c_str() + space + 1);
    const std::size_t line_end = head.find("\r\n");
    const std::string_view headers =
        line_end == std::string::npos ? std::string_view{} : std::string_view(head).substr(line_end + 2);

    if (::strcasecmp(header_value(headers, "Transfer-Encoding").c_str(), "chunked") == 0) {
        for (;;) {
            std::size_t size_end;
            while ((size_end = buffer_.find("\r\n")) == std::string::npos) {
                if (fill() == 0) throw TransportError("connection closed inside a chunk size");
            }
            const std::size_t size = std::stoul(buffer_.substr(0, size_end), nullptr, 16);
            buffer_.erase(0, size_end + 2);
            while (buffer_.size() < size + 2) {
                if (fill() == 0) throw TransportError("connection closed inside a chunk");
            }
            response.body.append(buffer_, 0, size);
            buffer_.erase(0, size + 2);
            if (size == 0) break;  // no trailers expected from braid
        }
    } else if (const std::string length = header_value(headers, "Content-Length"); !length.empty()) {
        const std::size_t size = std::stoul(length);
        while (buffer_.size() < size) {
            if (fill() == 0) throw TransportError("connection closed inside a body");
        }
        response.body = buffer_.substr(0, size);
        buffer_.erase(0, size);
    } else {
        while (fill() != 0) {
        }
        response.body = std::move(buffer_);
        close();
        return response;
    }
    if (::strcasecmp(header_value(headers, "Connection").c_str(), "close") == 0) close();
    return response;
}

HttpResponse HttpClient::request(std::string_view method, std::string_view target, std::string_view body,
                                 std::string_view content_type) {
    std::string message;
    message.reserve(body.size() + 256);
    message.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (!body.empty() || method == "POST" || method == "PUT") {
        message.append("Content-Type: ").append(content_type).append("\r\n");
        message.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    }
    message.append("\r\n").append(body);
    // No retry: a failed request may or may not have been applied, and only the caller knows
    // how to account for that.
    if (fd_ < 0) connect();
    try {
        send_all(message);
        return read_response();
    } catch (const TransportError&) {
        close();
        throw;
    }
}

}  // namespace braid::test_support
