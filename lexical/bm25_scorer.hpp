#pragma once
#include <cmath>
#include <cstdint>

#include "core/doc_ordinal.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::lexical {

// Lucene >= 8 BM25 idf: ln(1 + (N - df + 0.5) / (df + 0.5)); always positive.
inline float bm25_idf(std::uint64_t n, std::uint64_t df) {
    const double nd = static_cast<double>(n);
    const double dfd = static_cast<double>(df);
    return static_cast<float>(std::log(1.0 + (nd - dfd + 0.5) / (dfd + 0.5)));
}

// What one scorer computed for one document: the statistics it used and the score itself.
struct Bm25Explanation {
    std::uint32_t tf = 0;
    std::uint32_t field_length = 0;
    float avg_field_length = 0;
    float idf = 0;
    float boost = 1;
    float score = 0;
};

// Scores one query term in one field from statistics only:
// boost * idf * tf / (tf + k1 (1 - b + b dl / avgdl)). Document lengths are exact (Lucene
// quantizes them to one byte with SmallFloat; we do not).
class Bm25TermScorer {
public:
    Bm25TermScorer(Bm25Params p, float boost, float idf, float avgdl, const std::uint32_t* lengths)
        : weight_(boost * idf), boost_(boost), idf_(idf), avgdl_(avgdl), k1_(p.k1), one_minus_b_(1.0f - p.b),
          b_over_avgdl_(p.b / avgdl), lengths_(lengths) {}

    float score(DocOrdinal doc, std::uint32_t tf) const {
        const float f = static_cast<float>(tf);
        const float norm = k1_ * (one_minus_b_ + b_over_avgdl_ * static_cast<float>(lengths_[doc]));
        return weight_ * (f / (f + norm));
    }
    // score() with its inputs shown; `score` is score(doc, tf) itself, never recomputed apart.
    Bm25Explanation explain(DocOrdinal doc, std::uint32_t tf) const {
        return Bm25Explanation{tf, lengths_[doc], avgdl_, idf_, boost_, score(doc, tf)};
    }
    float weight() const { return weight_; }

private:
    float weight_;  // boost * idf
    float boost_;
    float idf_;
    float avgdl_;
    float k1_;
    float one_minus_b_;
    float b_over_avgdl_;
    const std::uint32_t* lengths_;
};

}  // namespace braid::lexical
