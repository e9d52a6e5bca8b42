#include "engine/facet_counter.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/json_text.hpp"

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

bool in_range(double x, const FacetRange& range) {
    if (std::isnan(x)) return false;
    if (range.gte && !(x >= *range.gte)) return false;
    if (range.lt && !(x < *range.lt)) return false;
    return true;
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
                                             const Bitset& matched) {
    std::vector<FacetResult> results;
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
            std::vector<std::size_t> counts(facet.ranges.size(), 0);
            for_each_set(matched, [&](DocOrdinal o) {
                if (o >= column.numbers.size()) return;
                const double x = column.numbers[o];
                for (std::size_t i = 0; i < facet.ranges.size(); ++i)
                    if (in_range(x, facet.ranges[i])) ++counts[i];
            });
            for (std::size_t i = 0; i < facet.ranges.size(); ++i)
                result.buckets.push_back(FacetBucket{std::nullopt, facet.ranges[i], counts[i]});
        } else if (type == config::FieldType::keyword || type == config::FieldType::boolean) {
            std::vector<std::pair<std::string, std::size_t>> counts;
            for (const auto& [value, postings] : column.postings) {
                std::size_t n = 0;
                for (const DocOrdinal o : postings) n += matched.test(o) ? 1 : 0;
                if (n) counts.emplace_back(value, n);
            }
            const bool boolean = type == config::FieldType::boolean;
            top_values<std::string>(std::move(counts), facet.size.value_or(kDefaultSize), result,
                                    [boolean](const std::string& v) -> FacetValue {
                                        if (boolean) return FacetValue(v == "true");
                                        return FacetValue(v);
                                    });
        } else {  // integer value buckets
            std::unordered_map<std::int64_t, std::size_t> by_value;
            for_each_set(matched, [&](DocOrdinal o) {
                if (o >= column.numbers.size() || std::isnan(column.numbers[o])) return;
                const std::int64_t v = o < column.integers.size() ? column.integers[o]
                                                                   : static_cast<std::int64_t>(column.numbers[o]);
                ++by_value[v];
            });
            top_values<std::int64_t>({by_value.begin(), by_value.end()}, facet.size.value_or(kDefaultSize), result,
                                     [](const std::int64_t& v) { return FacetValue(v); });
        }
        results.push_back(std::move(result));
    }
    return results;
}

Bitset lexical_matches(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed) {
    if (plan.kind == PlanKind::dense || view.lexical == nullptr) return Bitset(view.store.live().size());
    // A count-only traversal: no document is scored or ranked.
    if (plan.tree) {
        lexical::TreeQuery tree = *plan.tree;
        tree.allowed = allowed;
        return view.lexical->matches(tree);
    }
    lexical::LexicalQuery query = plan.lexical;
    query.allowed = allowed;
    return view.lexical->matches(query);
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
