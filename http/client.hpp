#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace braid::http {

struct ClientResponse {
    unsigned status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool keep_alive = false;

    std::string header(std::string_view name) const;  // case-insensitive; "" when absent
};

// A small synchronous HTTP/1.1 client over one keep-alive connection (used by `braid eval --url`
// and the end-to-end tests). Not thread-safe: one per thread.
class Client {
public:
    // Connects at once; throws braid::Error(io) when it cannot.
    Client(std::string host, std::uint16_t port,
           std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Sends one request and reads the answer; reconnects once if the server had closed an idle
    // connection. Throws braid::Error(io) on a network failure.
    ClientResponse request(std::string_view method, std::string_view target,
                           std::string_view body = {},
                           std::string_view content_type = "application/json",
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace braid::http
