#include "engine/facet_counter.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/side_runs.hpp"

namespace braid::engine {

namespace {

constexpr std::size_t kMaxFacetSize = 1000;
constexpr std::size_t kMaxRanges = 1000;
constexpr std::size_t kDefaultSize = 10;

[[noreturn]] void invalid(const std::string& path, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + what, path);
}

// Calls f(ordinal) for each set bit.
template <typename F>
void for_each_set(const Bitset& bits, F&& f) {
    const auto& words = bits.words();
    for (std::size_t w = 0; w < words.size(); ++w) {
        std::uint64_t word = words[w];
        while (word) {
            f(static_cast<DocOrdinal>(w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
            word &= word - 1;
        }
    }
}

// Sorted by count (descending), then by value; the first `size` kept, the rest summed in `other`.
template <typename Value>
void top_values(std::vector<std::pair<Value, std::size_t>> counts, std::size_t size, FacetResult& out,
                const std::function<FacetValue(const Value&)>& to_value) {
    std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::size_t other = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (i < size) out.buckets.push_back(FacetBucket{to_value(counts[i].first), std::nullopt, counts[i].second});
        else other += counts[i].second;
    }
    out.other = other;
}

// In steps of the postings walk (testing one posting against the matches), the matches walk
// costs about kMatchStep per matched document (finding it in the bitset, reading its slot,
// bumping a counter) plus kRunStep per multi-valued one (reading its run, a mispredicted
// branch). Measured with build/bench/bench_facet_walk (docs/facets.md): the postings walk wins
// above ~55% of a single-valued field's documents, ~28% when one document in four has two values.
constexpr double kMatchStep = 2.0;
constexpr double kRunStep = 10.0;

template <typename Column>
bool walk_matches(const Column& column, std::size_t matched_count) {
    std::size_t postings = 0;
    for (const auto& list : column.postings) postings += list.size();
    const auto& by_ordinal = column.by_ordinal;
    const double multi_share = by_ordinal.size() == 0 ? 0.0
                                                       : static_cast<double>(by_ordinal.multi_valued()) /
                                                             static_cast<double>(by_ordinal.size());
    const double cost = static_cast<double>(matched_count) * (kMatchStep + kRunStep * multi_share);
    return cost <= static_cast<double>(postings);
}

// Counts of each range over the matched documents' numbers. Branch-free (the bounds are random
// to the branch predictor): an open bound is -inf below, and above a flag that accepts even +inf;
// NaN (no value) fails `x >= low` and counts nowhere.
std::vector<std::size_t> count_ranges(const std::vector<double>& numbers, const std::vector<FacetRange>& ranges,
                                      const Bitset& matched) {
    const std::size_t n = ranges.size();
    std::vector<double> low(n), high(n);
    std::vector<std::uint8_t> open_high(n);
    for (std::size_t i = 0; i < n; ++i) {
        low[i] = ranges[i].gte.value_or(-std::numeric_limits<double>::infinity());
        high[i] = ranges[i].lt.value_or(0.0);
        open_high[i] = ranges[i].lt ? 0 : 1;
    }
    std::vector<std::size_t> counts(n, 0);
    for_each_set(matched, [&](DocOrdinal o) {
        if (o >= numbers.size()) return;
        const double x = numbers[o];
        for (std::size_t i = 0; i < n; ++i)
            counts[i] += static_cast<std::size_t>((x >= low[i]) & ((x < high[i]) | (open_high[i] != 0)));
    });
    return counts;
}

// (value, count) of each integer value among the matched documents: by offset from the column's
// smallest value into an array when its values span at most kDenseIntegerSpan, else (and for any
// value outside the span) hashed.
constexpr std::int64_t kDenseIntegerSpan = 1 << 16;

template <typename Column>
std::vector<std::pair<std::int64_t, std::size_t>> count_integers(const Column& column, const Bitset& matched) {
    const auto value_of = [&](DocOrdinal o) {
        return o < column.integers.size() ? column.integers[o] : static_cast<std::int64_t>(column.numbers[o]);
    };
    const bool dense = column.integer_low <= column.integer_high &&
                       static_cast<std::uint64_t>(column.integer_high) - static_cast<std::uint64_t>(column.integer_low) <
                           static_cast<std::uint64_t>(kDenseIntegerSpan);
    const std::size_t span = dense ? static_cast<std::size_t>(column.integer_high - column.integer_low) + 1 : 0;
    std::vector<std::uint32_t> counts(span, 0);
    std::unordered_map<std::int64_t, std::size_t> by_value;  // values outside the dense span
    for_each_set(matched, [&](DocOrdinal o) {
        if (o >= column.numbers.size() || std::isnan(column.numbers[o])) return;
        const std::int64_t v = value_of(o);
        const std::uint64_t offset = static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(column.integer_low);
        if (offset < span) ++counts[offset];
        else ++by_value[v];
    });
    for (std::size_t i = 0; i < span; ++i)
        if (counts[i]) by_value[column.integer_low + static_cast<std::int64_t>(i)] += counts[i];
    return {by_value.begin(), by_value.end()};
}

// Counts by value id over the matched documents' value ids.
template <typename Column>
std::vector<std::uint32_t> count_by_matches(const Column& column, const Bitset& matched) {
    std::vector<std::uint32_t> counts(column.values.size(), 0);
    for_each_set(matched,
                 [&](DocOrdinal o) { column.by_ordinal.for_each_value(o, [&](std::uint32_t id) { ++counts[id]; }); });
    return counts;
}

// Counts by value id over every posting of the field, each tested against the matches.
template <typename Column>
std::vector<std::uint32_t> count_by_postings(const Column& column, const Bitset& matched) {
    std::vector<std::uint32_t> counts(column.values.size(), 0);
    for (std::size_t id = 0; id < column.postings.size(); ++id) {
        std::uint32_t n = 0;
        for (const DocOrdinal o : column.postings[id]) n += matched.test(o) ? 1 : 0;
        counts[id] = n;
    }
    return counts;
}

}  // namespace

void check_facets(const config::CollectionConfig& schema, const std::vector<FacetRequest>& facets) {
    for (const auto& facet : facets) {
        const std::string path = "facets." + facet.field;
        const auto* field = schema.field(facet.field);
        if (!field)
            invalid(path, "\"" + facet.field + "\" is not a field of collection \"" + schema.name + "\"");
        const auto type = field->type;
        const std::string type_name(config::field_type_name(type));
        if (type == config::FieldType::text)
            invalid(path, "\"" + facet.field + "\" is a text field; facets count keyword, integer, float and boolean fields");
        if (facet.size && !facet.ranges.empty()) invalid(path, "give either \"size\" (value buckets) or \"ranges\", not both");
        if (facet.size) {
            if (type == config::FieldType::floating)
                invalid(path + ".size", "float field \"" + facet.field + "\" has range buckets only: give \"ranges\"");
            if (*facet.size < 1 || *facet.size > kMaxFacetSize)
                invalid(path + ".size", "expected 1.." + std::to_string(kMaxFacetSize) + ", got " + std::to_string(*facet.size));
        }
        if (facet.ranges.empty() && type == config::FieldType::floating)
            invalid(path, "float field \"" + facet.field + "\" needs \"ranges\"");
        if (!facet.ranges.empty()) {
            if (type == config::FieldType::keyword || type == config::FieldType::boolean)
                invalid(path + ".ranges", "ranges need an integer or float field; \"" + facet.field + "\" is " + type_name);
            if (facet.ranges.size() > kMaxRanges)
                invalid(path + ".ranges", "at most " + std::to_string(kMaxRanges) + " ranges");
        }
        for (std::size_t i = 0; i < facet.ranges.size(); ++i) {
            const auto& range = facet.ranges[i];
            const std::string at = path + ".ranges[" + std::to_string(i) + "]";
            if (!range.gte && !range.lt) invalid(at, "expected \"gte\", \"lt\" or both");
            if (range.gte && range.lt && !(*range.gte < *range.lt))
                invalid(at, "empty range: gte " + number_text(*range.gte) + " is not below lt " + number_text(*range.lt));
        }
    }
}

std::vector<FacetResult> FacetCounter::count(const FilterIndex& index, const std::vector<FacetRequest>& facets,
                                             const Bitset& matched, FacetWalk walk) {
    std::vector<FacetResult> results;
    std::optional<std::size_t> matched_count;  // counted once, by the first facet that chooses its walk
    const auto count_matched = [&] {
        if (!matched_count) matched_count = matched.count();
        return *matched_count;
    };
    for (const auto& facet : facets) {
        const auto found = std::find_if(index.columns_.begin(), index.columns_.end(),
                                        [&](const auto& c) { return c.field->name == facet.field; });
        if (found == index.columns_.end())
            throw Error(ErrorKind::invalid_argument, "invalid_request",
                        "facets." + facet.field + ": \"" + facet.field + "\" is not a filterable field", "facets." + facet.field);
        const auto& column = *found;
        const auto type = column.field->type;
        FacetResult result;
        result.field = facet.field;
        if (!facet.ranges.empty()) {
            const std::vector<std::size_t> counts = count_ranges(column.numbers, facet.ranges, matched);
            for (std::size_t i = 0; i < facet.ranges.size(); ++i)
                result.buckets.push_back(FacetBucket{std::nullopt, facet.ranges[i], counts[i]});
        } else if (type == config::FieldType::keyword || type == config::FieldType::boolean) {
            const bool by_matches = walk == FacetWalk::matches ||
                                    (walk == FacetWalk::automatic && walk_matches(column, count_matched()));
            const std::vector<std::uint32_t> by_id =
                by_matches ? count_by_matches(column, matched) : count_by_postings(column, matched);
            std::vector<std::pair<std::string, std::size_t>> counts;
            for (std::size_t id = 0; id < by_id.size(); ++id)
                if (by_id[id]) counts.emplace_back(column.values[id], by_id[id]);
            const bool boolean = type == config::FieldType::boolean;
            top_values<std::string>(std::move(counts), facet.size.value_or(kDefaultSize), result,
                                    [boolean](const std::string& v) -> FacetValue {
                                        if (boolean) return FacetValue(v == "true");
                                        return FacetValue(v);
                                    });
        } else {  // integer value buckets
            top_values<std::int64_t>(count_integers(column, matched), facet.size.value_or(kDefaultSize), result,
                                     [](const std::int64_t& v) { return FacetValue(v); });
        }
        results.push_back(std::move(result));
    }
    return results;
}

Bitset lexical_matches(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed) {
    if (plan.kind == PlanKind::dense || view.lexical == nullptr) return Bitset(view.store.live().size());
    // A count-only traversal: no document is scored or ranked.
    return with_lexical_query(plan, allowed, [&](const auto& query) { return view.lexical->matches(query); });
}

void add_match_counts(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed,
                      const std::vector<ScoredDoc>& dense_window, SearchResponse& response) {
    if (!plan.total && plan.facets.empty()) return;
    Bitset matched = lexical_matches(view, plan, allowed);
    if (plan.total)
        response.total = SearchTotal{matched.count(), plan.kind == PlanKind::lexical ? 0 : plan.candidates};
    if (plan.facets.empty()) return;
    for (const auto& hit : dense_window) matched.set(hit.doc);
    response.facets = FacetCounter::count(view.filters, plan.facets, matched);
}

}  // namespace braid::engine
