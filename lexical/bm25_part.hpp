#pragma once
#include <algorithm>
#include <cstdint>

#include "lexical/lexical_index.hpp"

namespace braid::lexical {

// The BM25 term part tf / (tf + k1 (1 - b + b dl / avgdl)), as the block-max bounds are computed
// (a stored field's blocks and the combined field's per-term bounds: both must agree to the bit).
inline float bm25_term_part(const Bm25Params& params, std::uint32_t tf, std::uint32_t dl, float avgdl) {
    const float f = static_cast<float>(tf);
    return f / (f + params.k1 * ((1.0f - params.b) + params.b * static_cast<float>(dl) / avgdl));
}

// An upper bound of the term part over a set of documents that holds under any later average
// length A: the part grows at most as A / avgdl when the average grows, so max(largest part,
// A * largest part / avgdl) bounds it.
struct PartBound {
    float max_part = 0;
    float max_part_per_avgdl = 0;

    void include(float part, float avgdl) {
        max_part = std::max(max_part, part);
        max_part_per_avgdl = std::max(max_part_per_avgdl, part / avgdl);
    }
    float at(float avgdl) const {
        const float scaled = avgdl * max_part_per_avgdl;
        return scaled > max_part ? scaled : max_part;
    }
};

}  // namespace braid::lexical
