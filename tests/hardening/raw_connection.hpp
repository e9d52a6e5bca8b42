#pragma once
// A bare TCP connection for the tests that need what a polite HTTP client never does: half
// headers, stalls, garbage bytes, pipelined requests, chunked bodies.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace braid::hardening {

struct RawResponse {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

class RawConnection {
public:
    explicit RawConnection(std::uint16_t port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Writes all of `bytes`; false when the peer has closed (EPIPE / ECONNRESET).
    bool send(const std::string& bytes);
    // Reads one Content-Length framed response; nullopt when the connection closes or the
    // deadline passes first.
    std::optional<RawResponse> read_response(std::chrono::milliseconds patience = std::chrono::seconds(5));
    // True when the server closes the connection (EOF or reset) within `patience`; any bytes
    // that arrive meanwhile are kept in the buffer.
    bool closed_within(std::chrono::milliseconds patience);
    const std::string& unread() const { return buffer_; }

private:
    // Appends what arrives within `until`; false on EOF/reset or timeout.
    bool receive_some(std::chrono::steady_clock::time_point until);

    int fd_ = -1;
    std::string buffer_;
    bool eof_ = false;
};

// A minimal HTTP/1.1 request text with Content-Length (when a body or content type is given).
std::string http_request(const std::string& method, const std::string& target,
                         const std::string& body = "",
                         const std::string& content_type = "application/json",
                         const std::string& extra_headers = "");

}  // namespace braid::hardening
