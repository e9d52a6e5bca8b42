#pragma once
// Outbound HTTP/1.1 for model services: keep-alive pools per origin, TLS with certificate and
// host name verification, deadlines, and retries with backoff. Safe to share between threads.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "net/client_options.hpp"
#include "net/connection_pool.hpp"
#include "net/http_message.hpp"
#include "net/retry_schedule.hpp"

namespace braid::net {

class HttpClient {
public:
    explicit HttpClient(ClientOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends `request`, retrying 429, 5xx, timeouts, refused and reset connections with
    // exponential backoff and jitter (Retry-After honoured) up to options.retry.max_retries times.
    // Returns the first answer that is not retried (any 2xx, 3xx or 4xx but 429). Throws NetError
    // naming the method, URL and last cause when no such answer came; braid::Error for a bad URL.
    Response send(const Request& request);

    const ClientOptions& options() const { return options_; }
    // Connections opened so far (each failed attempt to open one included).
    std::size_t connections_opened() const { return connections_opened_.load(); }

private:
    ConnectionPool& pool_for(const Url& url);
    std::unique_ptr<Connection> open(const Url& url);

    ClientOptions options_;
    Backoff backoff_;
    struct Tls;
    std::unique_ptr<Tls> tls_;  // created on first https use, so a bad ca_file fails that call
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<ConnectionPool>> pools_;
    std::atomic<std::size_t> connections_opened_{0};
};

}  // namespace braid::net
