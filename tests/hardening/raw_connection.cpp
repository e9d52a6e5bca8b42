#include "tests/hardening/raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>

namespace braid::hardening {

RawConnection::RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd_);
        throw std::runtime_error("connect() to 127.0.0.1:" + std::to_string(port) + " failed");
    }
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool RawConnection::receive_some(std::chrono::steady_clock::time_point until) {
    if (eof_) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd waiting{fd_, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[65536];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
        eof_ = true;
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::optional<RawResponse> RawConnection::read_response(std::chrono::milliseconds patience) {
    const auto until = std::chrono::steady_clock::now() + patience;
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos)
        if (!receive_some(until)) return std::nullopt;

    RawResponse response;
    const std::string head = buffer_.substr(0, header_end);
    const auto status_at = head.find(' ');
    if (status_at == std::string::npos) return std::nullopt;
    response.status = static_cast<unsigned>(std::stoul(head.substr(status_at + 1, 3)));
    std::size_t line_start = head.find("\r\n");
    while (line_start != std::string::npos) {
        line_start += 2;
        const auto line_end = head.find("\r\n", line_start);
        const auto line = head.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            const auto value_start = line.find_first_not_of(' ', colon + 1);
            response.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
        }
        line_start = line_end;
    }
    const auto length_header = response.headers.find("content-length");
    const std::size_t length = length_header == response.headers.end() ? 0 : std::stoul(length_header->second);
    const std::size_t body_start = header_end + 4;
    while (buffer_.size() < body_start + length)
        if (!receive_some(until)) return std::nullopt;
    response.body = buffer_.substr(body_start, length);
    buffer_.erase(0, body_start + length);
    return response;
}

bool RawConnection::closed_within(std::chrono::milliseconds patience) {
    const auto until = std::chrono::steady_clock::now() + patience;
    while (!eof_)
        if (!receive_some(until) && !eof_) return false;
    return true;
}

std::string http_request(const std::string& method, const std::string& target, const std::string& body,
                         const std::string& content_type, const std::string& extra_headers) {
    std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!content_type.empty()) text += "Content-Type: " + content_type + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT")
        text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    text += extra_headers;
    text += "\r\n";
    return text + body;
}

}  // namespace braid::hardening
