#pragma once
// A small blocking HTTP/1.1 client over a POSIX socket, keep-alive, for talking to a real
// `braid serve` in tests. Any transport failure (refused, reset, closed mid-answer) throws
// TransportError: the caller must treat that request as not acknowledged. Unlike http::Client
// (the product's client, which retries once on a fresh connection) it never retries, so a test
// that kills the server knows exactly which requests were in flight.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace braid::test_support {

struct TransportError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct HttpResponse {
    int status = 0;
    std::string body;
    bool ok() const { return status >= 200 && status < 300; }
};

class HttpClient {
public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                         std::string_view content_type = "application/json");
    HttpResponse get(std::string_view target) { return request("GET", target); }
    HttpResponse put(std::string_view target, std::string_view body) { return request("PUT", target, body); }
    HttpResponse post(std::string_view target, std::string_view body,
                      std::string_view content_type = "application/json") {
        return request("POST", target, body, content_type);
    }
    HttpResponse del(std::string_view target) { return request("DELETE", target); }

private:
    void connect();
    void close();
    void send_all(std::string_view bytes);
    HttpResponse read_response();
    std::size_t fill();  // reads more bytes into buffer_; 0 at end of stream

    std::uint16_t port_;
    int fd_ = -1;
    std::string buffer_;  // bytes received and not yet consumed
};

}  // namespace braid::test_support
