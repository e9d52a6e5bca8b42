#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace braid::engine {

using FilterValue = std::variant<std::string, std::int64_t, double, bool>;

struct RangeBounds {
    std::optional<double> gt, gte, lt, lte;
};

// One clause of a filter: `{"tags": ["a","b"]}` / `{"lang": "en"}` is any_of; `{"year": {"gte": 2010}}`
// is a range. Clauses of a filter are ANDed.
struct FilterClause {
    std::string field;
    std::vector<FilterValue> any_of;
    std::optional<RangeBounds> range;
};

enum class MatchOperator { any, all };  // "operator": "or" | "and"

// Members left empty take the defaults of DESIGN.md; the response echoes what was applied.
struct FusionRequest {
    std::string method = "rrf";                // rrf | linear
    std::optional<double> k;                   // rrf
    std::optional<std::size_t> window;
    std::optional<double> lexical_weight;      // rrf "weights"
    std::optional<double> dense_weight;
    std::optional<double> alpha;               // linear
    std::optional<std::string> normalization;  // linear: minmax | zscore
};

struct SearchRequest {
    std::optional<std::string> query;
    std::optional<std::vector<float>> vector;
    std::vector<std::pair<std::string, double>> fields;  // field -> boost; empty: combined field
    std::vector<FilterClause> filter;
    MatchOperator op = MatchOperator::any;
    std::size_t k = 10;
    std::size_t offset = 0;
    std::optional<FusionRequest> fusion;
    std::optional<int> ef_search;
    bool explain = false;
};

}  // namespace braid::engine
