#pragma once
// How an HttpClient connects, waits and retries.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace braid::net {

struct RetryPolicy {
    int max_retries = 5;                                   // attempts = 1 + max_retries
    std::chrono::milliseconds initial_backoff{100};        // first retry waits about this long
    std::chrono::milliseconds max_backoff{10'000};         // exponential growth stops here
    // A Retry-After longer than this is not waited for: the call fails at once, naming it.
    std::chrono::milliseconds max_retry_after{60'000};
};

struct ClientOptions {
    std::chrono::milliseconds connect_timeout{5'000};      // resolve + TCP connect + TLS handshake
    std::chrono::milliseconds request_timeout{30'000};     // write the request + read the answer
    RetryPolicy retry;
    std::size_t max_connections_per_host = 8;              // requests in flight per origin
    std::size_t max_response_bytes = 64u << 20;
    std::string ca_file;                                   // PEM bundle; empty: the system CAs
    std::uint64_t jitter_seed = 0;                         // 0: seeded from std::random_device
    // How the client waits between attempts; replaceable so tests can record the delays.
    std::function<void(std::chrono::milliseconds)> sleep;
};

}  // namespace braid::net
