#include <catch2/catch.hpp>

#include <chrono>

#include "net/retry_schedule.hpp"

using namespace std::chrono_literals;
using braid::net::parse_retry_after;

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[net]") {
    // 2015-10-21 07:28:00 UTC
    const auto now = std::chrono::system_clock::from_time_t(1445412480);
    CHECK(parse_retry_after("120", now) == std::chrono::milliseconds(120'000));
    CHECK(parse_retry_after(" 0 ", now) == std::chrono::milliseconds(0));
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now) == std::chrono::milliseconds(30'000));
    CHECK(parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now) == std::chrono::milliseconds(60'000));
    CHECK(parse_retry_after("Wed Oct 21 07:28:05 2015", now) == std::chrono::milliseconds(5'000));
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now) == std::chrono::milliseconds(0));  // past
    CHECK_FALSE(parse_retry_after("", now));
    CHECK_FALSE(parse_retry_after("soon", now));
    CHECK_FALSE(parse_retry_after("-5", now));
}

TEST_CASE("retryable statuses are 429 and the transient 5xx", "[net]") {
    for (int s : {429, 500, 502, 503, 504}) CHECK(braid::net::is_retryable_status(s));
    for (int s : {200, 201, 301, 400, 401, 404, 408, 413, 501, 505}) CHECK_FALSE(braid::net::is_retryable_status(s));
}

TEST_CASE("backoff doubles from the initial delay up to the cap, with jitter in the upper half", "[net]") {
    braid::net::RetryPolicy policy;
    policy.initial_backoff = 100ms;
    policy.max_backoff = 1'000ms;
    braid::net::Backoff backoff(policy, 42);
    const std::chrono::milliseconds steps[] = {100ms, 200ms, 400ms, 800ms, 1000ms, 1000ms, 1000ms};
    for (int round = 0; round < 50; ++round) {
        for (int retry = 0; retry < 7; ++retry) {
            const auto d = backoff.delay(retry);
            INFO("retry " << retry << " delay " << d.count());
            CHECK(d >= steps[retry] / 2);
            CHECK(d <= steps[retry]);
        }
    }
    // Jitter: the delays of one step are not all equal.
    bool differ = false;
    const auto first = backoff.delay(3);
    for (int i = 0; i < 20 && !differ; ++i) differ = backoff.delay(3) != first;
    CHECK(differ);
}
