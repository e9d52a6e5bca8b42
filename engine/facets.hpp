#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace braid::engine {

// One bucket bound of a range facet: gte <= x < lt; an absent bound is open.
struct FacetRange {
    std::optional<double> gte, lt;
};

// "facets": {"<field>": {"size": n} | {"ranges": [...]}}: value buckets (keyword, integer,
// boolean; the `size` most frequent values) or range buckets (integer, float).
struct FacetRequest {
    std::string field;
    std::optional<std::size_t> size;  // value buckets; default 10 when no ranges are given
    std::vector<FacetRange> ranges;   // range buckets, in the request's order (overlaps allowed)
};

using FacetValue = std::variant<std::string, std::int64_t, bool>;

struct FacetBucket {
    std::optional<FacetValue> value;  // value buckets
    std::optional<FacetRange> range;  // range buckets
    std::size_t count = 0;
};

struct FacetResult {
    std::string field;
    std::vector<FacetBucket> buckets;
    // Value buckets: the summed counts of the values beyond the first `size` (a document with
    // several such values counts once per value).
    std::optional<std::size_t> other;
};

// "total": the exact number of lexical matches after the filter, and the dense side's window.
struct SearchTotal {
    std::size_t lexical = 0;
    std::size_t dense_window = 0;
};

}  // namespace braid::engine
