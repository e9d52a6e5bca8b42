#pragma once
// The facet oracle's expectations, shared by the facet tests: the top buckets of exact counts.
#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/facets.hpp"

namespace braid::engine::testing {

// (value, count) sorted by count descending, then value; the first `size`, and the rest summed.
template <typename Value>
std::pair<std::vector<std::pair<Value, std::size_t>>, std::size_t> top(const std::map<Value, std::size_t>& counts,
                                                                     std::size_t size) {
    std::vector<std::pair<Value, std::size_t>> all(counts.begin(), counts.end());
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::size_t other = 0;
    for (std::size_t i = size; i < all.size(); ++i) other += all[i].second;
    if (all.size() > size) all.resize(size);
    return {all, other};
}

template <typename Value>
inline void check_values(const FacetResult& got, const std::map<Value, std::size_t>& counts, std::size_t size) {
    const auto [expected, other] = top(counts, size);
    REQUIRE(got.buckets.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("bucket " << i);
        REQUIRE(got.buckets[i].value);
        CHECK(std::get<Value>(*got.buckets[i].value) == expected[i].first);
        CHECK(got.buckets[i].count == expected[i].second);
    }
    CHECK(got.other == std::optional<std::size_t>(other));
}

}  // namespace braid::engine::testing
