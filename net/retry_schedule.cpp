#include "net/retry_schedule.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace braid::net {

bool is_retryable_status(int status) {
    return status == 429 || (status >= 500 && status != 501 && status != 505 && status <= 599);
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec != std::errc() || end != value.data() + value.size()) return std::chrono::hours(24 * 365);
        return std::chrono::milliseconds(std::min<std::int64_t>(seconds, 365LL * 24 * 3600) * 1000);
    }
    const std::string text(value);
    for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
        std::tm tm{};
        const char* end = ::strptime(text.c_str(), format, &tm);
        if (end == nullptr || *end != '\0') continue;
        const auto when = std::chrono::system_clock::from_time_t(::timegm(&tm));
        const auto delta = std::chrono::duration_cast<std::chrono::milliseconds>(when - now);
        return std::max(delta, std::chrono::milliseconds(0));
    }
    return std::nullopt;
}

Backoff::Backoff(const RetryPolicy& policy, std::uint64_t seed) : policy_(policy), rng_(seed) {}

std::chrono::milliseconds Backoff::delay(int retry) {
    const auto cap = policy_.max_backoff.count();
    std::int64_t step = std::max<std::int64_t>(policy_.initial_backoff.count(), 1);
    for (int i = 0; i < retry && step < cap; ++i) step *= 2;
    step = std::min<std::int64_t>(step, cap);
    const std::int64_t fixed = step / 2;
    std::lock_guard lock(mutex_);
    std::uniform_int_distribution<std::int64_t> jitter(0, step - fixed);
    return std::chrono::milliseconds(fixed + jitter(rng_));
}

}  // namespace braid::net
