#include "fusion/normalization.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace braid::fusion {
namespace {

// Raw scores as doubles, non-finite ones replaced as described in the header.
std::vector<double> sanitized_scores(std::span<const ScoredDoc> window) {
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -std::numeric_limits<double>::infinity();
    for (const ScoredDoc& d : window) {
        if (std::isfinite(d.score)) {
            lowest = std::min(lowest, static_cast<double>(d.score));
            highest = std::max(highest, static_cast<double>(d.score));
        }
    }
    if (lowest > highest) lowest = highest = 0;  // no finite score at all
    std::vector<double> scores;
    scores.reserve(window.size());
    for (const ScoredDoc& d : window) {
        if (std::isnan(d.score)) {
            scores.push_back(lowest);
        } else if (std::isinf(d.score)) {
            scores.push_back(d.score > 0 ? highest : lowest);
        } else {
            scores.push_back(d.score);
        }
    }
    return scores;
}

std::vector<double> minmax(const std::vector<double>& scores) {
    const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
    const double min = *lo;
    const double range = *hi - min;
    std::vector<double> out;
    out.reserve(scores.size());
    for (double s : scores) {
        const double v = range > 0 ? (s - min) / range : 1.0;
        out.push_back(std::isfinite(v) ? v : 1.0);  // range overflowing to inf
    }
    return out;
}

std::vector<double> zscore(const std::vector<double>& scores) {
    // Equal scores have no spread, but the mean below is rounded, so their computed deviations
    // are a few ulps of the same sign and would normalize to +/-1 each: test equality itself.
    const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
    if (*lo == *hi) return std::vector<double>(scores.size(), 0.0);
    const double n = static_cast<double>(scores.size());
    double mean = 0;
    for (double s : scores) mean += s / n;  // divided first: no overflow on huge scores
    double variance = 0;
    for (double s : scores) variance += (s - mean) * (s - mean) / n;
    const double stddev = std::sqrt(variance);
    std::vector<double> out;
    out.reserve(scores.size());
    for (double s : scores) {
        const double v = stddev > 0 ? (s - mean) / stddev : 0.0;
        out.push_back(std::isfinite(v) ? v : 0.0);
    }
    return out;
}

}  // namespace

std::vector<double> normalize(std::span<const ScoredDoc> window, Normalization method) {
    if (window.empty()) return {};
    const std::vector<double> scores = sanitized_scores(window);
    return method == Normalization::minmax ? minmax(scores) : zscore(scores);
}

}  // namespace braid::fusion
