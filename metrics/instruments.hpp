#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

namespace braid::metrics {

// A value that only goes up (requests, bytes, errors). Lock-free.
class Counter {
public:
    void add(double amount = 1.0);
    double value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0.0};
};

// A value that goes up and down (open connections, documents). Lock-free.
class Gauge {
public:
    void set(double value) { value_.store(value, std::memory_order_relaxed); }
    void add(double amount);
    double value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0.0};
};

// Observations counted into fixed buckets by upper bound, with their sum and count, as Prometheus
// histograms are. Lock-free; a scrape may see an observation in the count but not yet the sum.
class Histogram {
public:
    // `upper_bounds` ascending; the +Inf bucket is implicit.
    explicit Histogram(std::vector<double> upper_bounds);

    void observe(double value);

    struct Snapshot {
        std::vector<double> upper_bounds;
        std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf (== count)
        double sum = 0;
        std::uint64_t count = 0;
    };
    Snapshot snapshot() const;

private:
    std::vector<double> upper_bounds_;
    std::vector<std::atomic<std::uint64_t>> buckets_;  // per bound, then +Inf; not cumulative
    std::atomic<double> sum_{0.0};
};

// Latency buckets in seconds, 50 µs to 10 s.
std::vector<double> latency_buckets();
// Powers of two from 1 to 2^max_power (sizes such as records per group commit).
std::vector<double> power_of_two_buckets(int max_power);

}  // namespace braid::metrics
