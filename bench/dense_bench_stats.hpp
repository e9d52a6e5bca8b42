#pragma once
// Measuring helpers for bench_dense: recall, resident memory, recall sweeps (clocks and
// medians come from bench/bench_stats.hpp).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <unistd.h>
#include <vector>

#include "bench/bench_stats.hpp"

namespace braid::bench {

// Resident set size of this process, bytes.
inline std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Mean of |found[:k] ∩ truth[:k]| / k over queries; lists hold ids, -1 (or absent) for none.
inline double mean_recall(const std::vector<std::vector<long>>& found, const std::vector<std::vector<long>>& truth,
                          std::size_t k) {
    double sum = 0;
    for (std::size_t q = 0; q < truth.size(); ++q) {
        std::set<long> t(truth[q].begin(), truth[q].begin() + std::min(k, truth[q].size()));
        std::size_t hit = 0;
        for (std::size_t i = 0; i < std::min(k, found[q].size()); ++i) hit += t.count(found[q][i]);
        sum += double(hit) / double(std::min(k, truth[q].size()));
    }
    return sum / double(truth.size());
}

// One point of a recall / throughput sweep.
struct SweepPoint {
    int parameter = 0;  // ef_search, or over-fetch depth for post-filtering
    double recall = 0;
    double qps = 0;
};

// The cheapest setting (smallest parameter) that reaches `target` recall; null when none does.
// Work grows with the parameter, so this is the honest operating point; single timings are noisy.
inline const SweepPoint* best_at_recall(const std::vector<SweepPoint>& points, double target) {
    const SweepPoint* best = nullptr;
    for (const auto& p : points) {
        if (p.recall >= target && (!best || p.parameter < best->parameter)) best = &p;
    }
    return best;
}

// The fastest point that reaches `target` recall, across different methods; null when none does.
inline const SweepPoint* fastest_at_recall(const std::vector<SweepPoint>& points, double target) {
    const SweepPoint* best = nullptr;
    for (const auto& p : points) {
        if (p.recall >= target && (!best || p.qps > best->qps)) best = &p;
    }
    return best;
}

}  // namespace braid::bench
