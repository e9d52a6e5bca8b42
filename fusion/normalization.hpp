#pragma once
#include <span>
#include <vector>

#include "core/scored_doc.hpp"
#include "fusion/fusion.hpp"

namespace braid::fusion {

// One normalized value per entry of `window`, same order. Never NaN or infinite:
// - minmax: (s - min) / (max - min); all scores equal gives 1 for every entry.
// - zscore: (s - mean) / stddev with the population standard deviation; zero spread gives 0.
// A NaN score counts as the lowest finite score of the window and +/-infinity is clamped to the
// highest/lowest finite score, so one bad input cannot poison the whole window.
std::vector<double> normalize(std::span<const ScoredDoc> window, Normalization method);

}  // namespace braid::fusion
