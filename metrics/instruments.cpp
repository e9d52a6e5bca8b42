#include "metrics/instruments.hpp"

#include <algorithm>
#include <stdexcept>

namespace braid::metrics {

namespace {

void add_to(std::atomic<double>& target, double amount) {
    double current = target.load(std::memory_order_relaxed);
    while (!target.compare_exchange_weak(current, current + amount, std::memory_order_relaxed)) {
    }
}

}  // namespace

void Counter::add(double amount) {
    if (amount > 0) add_to(value_, amount);
}

void Gauge::add(double amount) { add_to(value_, amount); }

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)), buckets_(upper_bounds_.size() + 1) {
    if (!std::is_sorted(upper_bounds_.begin(), upper_bounds_.end()) ||
        std::adjacent_find(upper_bounds_.begin(), upper_bounds_.end()) != upper_bounds_.end()) {
        throw std::invalid_argument("histogram bounds must be strictly ascending");
    }
}

void Histogram::observe(double value) {
    // Prometheus buckets are "less than or equal": the first bound >= value.
    const auto bound = std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value);
    buckets_[static_cast<std::size_t>(bound - upper_bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
    add_to(sum_, value);
}

Histogram::Snapshot Histogram::snapshot() const {
    Snapshot out;
    out.upper_bounds = upper_bounds_;
    std::uint64_t running = 0;
    for (const auto& bucket : buckets_) {
        running += bucket.load(std::memory_order_relaxed);
        out.cumulative.push_back(running);
    }
    out.count = running;
    out.sum = sum_.load(std::memory_order_relaxed);
    return out;
}

std::vector<double> latency_buckets() {
    return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> power_of_two_buckets(int max_power) {
    std::vector<double> out;
    for (int p = 0; p <= max_power; ++p) out.push_back(static_cast<double>(1ull << p));
    return out;
}

}  // namespace braid::metrics
