#pragma once
// Shared by the dense tests: clustered random vectors and a brute-force oracle written here,
// independent of the code under test.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <random>
#include <set>
#include <span>
#include <vector>

#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "dense/vector_index.hpp"

namespace braid::dense::testing {

// n rows of dimension d around `clusters` Gaussian centres.
inline std::vector<float> clustered_vectors(std::size_t n, std::size_t d, std::size_t clusters, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> centres(clusters * d);
    for (auto& c : centres) c = unit(rng) * 3.0f;
    std::uniform_int_distribution<std::size_t> pick(0, clusters - 1);
    std::vector<float> rows(n * d);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = pick(rng);
        for (std::size_t j = 0; j < d; ++j) rows[i * d + j] = centres[c * d + j] + unit(rng);
    }
    return rows;
}

inline float oracle_score(std::span<const float> a, std::span<const float> b, Metric metric) {
    double dot = 0, na = 0, nb = 0, l2 = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
        l2 += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    }
    switch (metric) {
        case Metric::cosine: return float(dot / std::sqrt(na * nb));
        case Metric::dot: return float(dot);
        case Metric::l2: return float(-std::sqrt(l2));
    }
    return 0;
}

// What the index should hold: the latest vector of each live document.
class Oracle {
public:
    Oracle(std::size_t d, Metric metric) : d_(d), metric_(metric) {}
    void add(DocOrdinal doc, std::span<const float> v) { docs_[doc].assign(v.begin(), v.end()); }
    void remove(DocOrdinal doc) { docs_.erase(doc); }
    std::size_t size() const { return docs_.size(); }
    bool contains(DocOrdinal doc) const { return docs_.count(doc) != 0; }

    // Best first; allowed == nullptr means all.
    std::vector<DocOrdinal> top(std::span<const float> q, std::size_t k, const Bitset* allowed = nullptr) const {
        std::vector<std::pair<float, DocOrdinal>> scored;
        for (const auto& [doc, v] : docs_) {
            if (allowed && !allowed->test(doc)) continue;
            scored.push_back({oracle_score(q, v, metric_), doc});
        }
        std::sort(scored.begin(), scored.end(), [](auto& a, auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::vector<DocOrdinal> out;
        for (std::size_t i = 0; i < std::min(k, scored.size()); ++i) out.push_back(scored[i].second);
        return out;
    }
    const std::map<DocOrdinal, std::vector<float>>& docs() const { return docs_; }

private:
    std::size_t d_;
    Metric metric_;
    std::map<DocOrdinal, std::vector<float>> docs_;
};

// |found ∩ truth| / |truth|
inline double recall(const std::vector<ScoredDoc>& found, const std::vector<DocOrdinal>& truth) {
    if (truth.empty()) return 1.0;
    std::set<DocOrdinal> t(truth.begin(), truth.end());
    std::size_t hit = 0;
    for (const auto& h : found) hit += t.count(h.doc);
    return double(hit) / double(truth.size());
}

inline std::span<const float> row(const std::vector<float>& rows, std::size_t i, std::size_t d) {
    return std::span<const float>(rows).subspan(i * d, d);
}

}  // namespace braid::dense::testing
