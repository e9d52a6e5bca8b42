#pragma once
// Timing and summary statistics shared by the benchmark programs: a steady clock, medians and
// nearest-rank percentiles.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace braid::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The middle value (the mean of the two middle values for an even count); 0 when empty.
inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The nearest-rank percentile: the value at index floor(q * n) of the sorted values (clamped to
// the last), q in [0, 1]; 0 when empty.
inline double percentile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size()));
    return values[std::min(values.size() - 1, rank)];
}

}  // namespace braid::bench
