#pragma once
// Synthetic corpus for bench_lexical: Zipf-distributed vocabulary, passage lengths like
// MS MARCO (~60 tokens), fixed seed. Documents are kept as term ids; term strings are short
// letter codes (frequent terms get short words, like natural language).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace braid::bench {

class SyntheticLexicalCorpus {
public:
    SyntheticLexicalCorpus(std::size_t docs, std::size_t vocabulary, std::uint64_t seed) : rng_(seed) {
        cdf_.resize(vocabulary);
        double sum = 0;
        for (std::size_t r = 0; r < vocabulary; ++r) cdf_[r] = sum += 1.0 / static_cast<double>(r + 1);
        for (auto& c : cdf_) c /= sum;
        for (std::size_t r = 0; r < vocabulary; ++r) terms_.push_back(word_for_rank(r));
        std::normal_distribution<double> length(60.0, 22.0);
        offsets_.reserve(docs + 1);
        offsets_.push_back(0);
        for (std::size_t d = 0; d < docs; ++d) {
            const auto n = static_cast<std::size_t>(std::clamp(std::lround(length(rng_)), 8L, 200L));
            for (std::size_t i = 0; i < n; ++i) ids_.push_back(draw());
            offsets_.push_back(ids_.size());
        }
    }

    std::size_t size() const { return offsets_.size() - 1; }
    std::size_t tokens() const { return ids_.size(); }
    const std::string& term(std::uint32_t id) const { return terms_[id]; }
    // Term ids of document d, in text order.
    const std::uint32_t* begin(std::size_t d) const { return ids_.data() + offsets_[d]; }
    const std::uint32_t* end(std::size_t d) const { return ids_.data() + offsets_[d + 1]; }

    // Queries of 2..8 distinct terms drawn from the same Zipf law, skipping the 50 most frequent
    // ranks (the stopwords an analyzer would have removed).
    std::vector<std::vector<std::string>> queries(std::size_t count) {
        std::vector<std::vector<std::string>> out;
        std::uniform_int_distribution<int> len(2, 8);
        while (out.size() < count) {
            const int n = len(rng_);
            std::vector<std::uint32_t> ids;
            while (static_cast<int>(ids.size()) < n) {
                const auto id = draw();
                if (id >= 50 && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
            }
            std::vector<std::string> q;
            for (auto id : ids) q.push_back(terms_[id]);
            out.push_back(std::move(q));
        }
        return out;
    }

private:
    std::uint32_t draw() {
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
        const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
        return static_cast<std::uint32_t>(std::min<std::size_t>(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1));
    }
    static std::string word_for_rank(std::size_t r) {
        std::string w;
        do {
            w.push_back(static_cast<char>('a' + r % 26));
            r /= 26;
        } while (r > 0);
        return w + "x";  // a suffix keeps every word at least two letters and distinct
    }

    std::mt19937_64 rng_;
    std::vector<double> cdf_;
    std::vector<std::string> terms_;
    std::vector<std::uint32_t> ids_;
    std::vector<std::size_t> offsets_;
};

}  // namespace braid::bench
