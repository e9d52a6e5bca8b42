#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <variant>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "core/scored_doc.hpp"

namespace braid::fusion {

struct RrfParams {
    double k = 60;
    std::size_t window = 100;          // candidates taken from each side
    double lexical_weight = 1.0;
    double dense_weight = 1.0;
};

enum class Normalization { minmax, zscore };

struct LinearParams {
    double alpha = 0.5;                // weight of the lexical side
    Normalization normalization = Normalization::minmax;
    std::size_t window = 100;
};

// One fusion method with its parameters: the alternative held is the method. A hybrid search
// carries one from the request's JSON to fuse() and back into the response's echo.
using FusionParams = std::variant<RrfParams, LinearParams>;

// Candidates taken from each side under either method.
std::size_t window(const FusionParams& params);
// Grows the window so that it covers at least `needed` hits.
void cover(FusionParams& params, std::size_t needed);

struct SideContribution {
    std::uint32_t rank = 0;            // 1-based rank inside the side's window
    float score = 0;                   // the side's raw score
    double normalized = 0;             // linear: the normalized score; rrf: 1 / (k + rank)
    double contribution = 0;           // what this side added to the fused score
};

struct FusedHit {
    DocOrdinal doc = kNoDoc;
    double score = 0;
    std::optional<SideContribution> lexical;
    std::optional<SideContribution> dense;
};

// Breaks equal fused scores; must be a strict weak order. Default: lower ordinal first.
using TieBreak = std::function<bool(DocOrdinal, DocOrdinal)>;

// `best` for every fused hit.
inline constexpr std::size_t kAllHits = std::numeric_limits<std::size_t>::max();

// Inputs are ranked lists (best first); only their first `window` entries are used.
// Output: every document of either window, best first, ties by tie_break; only the first `best`
// of them when fewer are needed (a search page: offset + k), the same as the full list's first.
std::vector<FusedHit> rrf(const std::vector<ScoredDoc>& lexical, const std::vector<ScoredDoc>& dense,
                          const RrfParams& params, const TieBreak& tie_break = {}, std::size_t best = kAllHits);
// alpha * norm(lexical) + (1 - alpha) * norm(dense), normalized over each side's window;
// a document missing from a side gets 0 from it. Min-max over equal scores gives 1; z-score
// with zero spread gives 0.
std::vector<FusedHit> linear(const std::vector<ScoredDoc>& lexical, const std::vector<ScoredDoc>& dense,
                             const LinearParams& params, const TieBreak& tie_break = {},
                             std::size_t best = kAllHits);
// rrf or linear, whichever `params` holds.
std::vector<FusedHit> fuse(const std::vector<ScoredDoc>& lexical, const std::vector<ScoredDoc>& dense,
                           const FusionParams& params, const TieBreak& tie_break = {},
                           std::size_t best = kAllHits);

}  // namespace braid::fusion
