#pragma once
// Shared by the HttpClient suites: client options whose waits are recorded instead of slept.
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "net/client_options.hpp"

namespace braid::test {

struct SleepLog {
    std::mutex mutex;
    std::vector<std::chrono::milliseconds> waits;
    std::vector<std::chrono::milliseconds> all() {
        std::lock_guard lock(mutex);
        return waits;
    }
};

// Waits are recorded, not slept: retry tests assert the schedule without taking its time.
inline net::ClientOptions recorded_options(const std::shared_ptr<SleepLog>& log, int max_retries = 3) {
    net::ClientOptions options;
    options.retry.max_retries = max_retries;
    options.retry.initial_backoff = std::chrono::milliseconds(100);
    options.retry.max_backoff = std::chrono::milliseconds(2'000);
    options.jitter_seed = 7;
    options.connect_timeout = std::chrono::milliseconds(5'000);
    options.request_timeout = std::chrono::milliseconds(10'000);
    options.sleep = [log](std::chrono::milliseconds d) {
        std::lock_guard lock(log->mutex);
        log->waits.push_back(d);
    };
    return options;
}

}  // namespace braid::test
