#pragma once
// When to try again: which answers are retried, exponential backoff with jitter, Retry-After.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

#include "net/client_options.hpp"

namespace braid::net {

bool is_retryable_status(int status);

// Retry-After as delta-seconds or an HTTP date (IMF-fixdate, RFC 850, asctime) relative to `now`;
// nullopt when absent or unparsable. A date in the past gives zero.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

// Thread-safe source of backoff delays ("equal jitter": half the exponential step fixed, half random).
class Backoff {
public:
    Backoff(const RetryPolicy& policy, std::uint64_t seed);
    // The wait before retry number `retry` (0 for the first retry).
    std::chrono::milliseconds delay(int retry);

private:
    RetryPolicy policy_;
    std::mutex mutex_;
    std::mt19937_64 rng_;
};

}  // namespace braid::net
