#pragma once
// Fusion computed on the test's side from two single-sided answers, as the README defines it:
// RRF sums weight / (k + rank) over each side's window; linear sums alpha * norm(lexical) and
// (1 - alpha) * norm(dense) over each side's window (min-max: all equal -> 1; z-score with the
// population standard deviation: no spread -> 0), a side a document is missing from adds 0.
// Ties by id. Written from the README, not from fusion/.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace braid::e2e {

struct SideHit {
    std::string id;
    double score = 0;  // the side's raw score as the single-sided answer reported it
};

struct OracleHit {
    std::string id;
    double score = 0;
    std::optional<std::size_t> lexical_rank, dense_rank;
    std::optional<double> lexical_score, dense_score;
};

inline std::vector<SideHit> side_hits(const boost::json::value& answer) {
    std::vector<SideHit> out;
    for (const auto& hit : answer.at("hits").as_array())
        out.push_back({std::string(hit.at("id").as_string()), hit.at("score").to_number<double>()});
    return out;
}

namespace detail {

inline std::vector<double> minmax(const std::vector<double>& scores) {
    if (scores.empty()) return {};
    double lo = scores[0], hi = scores[0];
    for (double s : scores) {
        lo = std::min(lo, s);
        hi = std::max(hi, s);
    }
    std::vector<double> out;
    for (double s : scores) out.push_back(hi > lo ? (s - lo) / (hi - lo) : 1.0);
    return out;
}

inline std::vector<double> zscore(const std::vector<double>& scores) {
    if (scores.empty()) return {};
    double sum = 0;
    for (double s : scores) sum += s;
    const double mean = sum / static_cast<double>(scores.size());
    double squares = 0;
    for (double s : scores) squares += (s - mean) * (s - mean);
    const double stddev = std::sqrt(squares / static_cast<double>(scores.size()));
    std::vector<double> out;
    for (double s : scores) out.push_back(stddev > 0 ? (s - mean) / stddev : 0.0);
    return out;
}

// `contribution(rank, score-of-that-side-position)` for each side's first `window` entries.
template <typename Contribution>
std::vector<OracleHit> fuse(const std::vector<SideHit>& lexical, const std::vector<SideHit>& dense, std::size_t window,
                            Contribution lexical_part, Contribution dense_part) {
    std::map<std::string, OracleHit> by_id;
    for (std::size_t i = 0; i < std::min(window, lexical.size()); ++i) {
        OracleHit& hit = by_id[lexical[i].id];
        hit.id = lexical[i].id;
        hit.lexical_rank = i + 1;
        hit.lexical_score = lexical[i].score;
        hit.score += lexical_part(i);
    }
    for (std::size_t i = 0; i < std::min(window, dense.size()); ++i) {
        OracleHit& hit = by_id[dense[i].id];
        hit.id = dense[i].id;
        hit.dense_rank = i + 1;
        hit.dense_score = dense[i].score;
        hit.score += dense_part(i);
    }
    std::vector<OracleHit> out;
    for (auto& [id, hit] : by_id) out.push_back(hit);  // by id already: a stable sort keeps ties by id
    std::stable_sort(out.begin(), out.end(), [](const OracleHit& a, const OracleHit& b) { return a.score > b.score; });
    return out;
}

}  // namespace detail

inline std::vector<OracleHit> rrf_oracle(const std::vector<SideHit>& lexical, const std::vector<SideHit>& dense,
                                         double k, std::size_t window, double lexical_weight, double dense_weight) {
    return detail::fuse(lexical, dense, window,
                        std::function<double(std::size_t)>([&](std::size_t i) { return lexical_weight / (k + double(i + 1)); }),
                        std::function<double(std::size_t)>([&](std::size_t i) { return dense_weight / (k + double(i + 1)); }));
}

inline std::vector<OracleHit> linear_oracle(const std::vector<SideHit>& lexical, const std::vector<SideHit>& dense,
                                            double alpha, const std::string& normalization, std::size_t window) {
    auto normalized = [&](const std::vector<SideHit>& side) {
        std::vector<double> scores;
        for (std::size_t i = 0; i < std::min(window, side.size()); ++i) scores.push_back(side[i].score);
        return normalization == "zscore" ? detail::zscore(scores) : detail::minmax(scores);
    };
    const std::vector<double> lex = normalized(lexical), den = normalized(dense);
    return detail::fuse(lexical, dense, window,
                        std::function<double(std::size_t)>([&](std::size_t i) { return alpha * lex[i]; }),
                        std::function<double(std::size_t)>([&](std::size_t i) { return (1 - alpha) * den[i]; }));
}

}  // namespace braid::e2e
