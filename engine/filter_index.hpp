#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "engine/facet_value_column.hpp"
#include "engine/parsed_document.hpp"
#include "engine/search_request.hpp"

namespace braid::engine {

// The filterable fields of a collection (keyword, integer, float, bool), by ordinal: keyword and
// bool values as a dictionary of value ids, each with its postings list, plus a column of each
// ordinal's value ids (for facets); numbers as columns. Dead ordinals stay in the columns; evaluate()
// intersects with the live set. Not synchronized: the collection's lock guards it.
class FilterIndex {
public:
    explicit FilterIndex(std::vector<const config::FieldConfig*> fields);

    // `values` parallel to the fields given at construction.
    void add(DocOrdinal ordinal, const std::vector<FilterFieldValue>& values);

    // Throws braid::Error(invalid_argument, "invalid_filter", ..., "filter.<field>") for an unknown
    // field, a text field, a value of the wrong type or an operation the field's type lacks.
    void validate(const std::vector<FilterClause>& filter) const;
    // The live ordinals every clause accepts. Call validate() first.
    Bitset evaluate(const std::vector<FilterClause>& filter, const Bitset& live) const;

    // Renumbers every column by `remap`; values of dropped ordinals are forgotten (a keyword
    // whose postings all go is removed).
    void remap(const OrdinalRemap& remap);

    std::size_t memory_bytes() const;

private:
    friend class FacetCounter;  // engine/facet_counter.hpp reads the columns

    struct Column {
        const config::FieldConfig* field = nullptr;
        // keyword, bool ("true"/"false"): each value once, by id; a value whose postings all go
        // (remap) is dropped and the ids renumbered.
        std::unordered_map<std::string, std::uint32_t> value_ids;
        std::vector<std::string> values;                // by id
        std::vector<std::vector<DocOrdinal>> postings;  // by id, ordinal-sorted
        FacetValueColumn by_ordinal;                    // each ordinal's value ids
        std::vector<double> numbers;                    // integer, float; NaN = absent
        std::vector<std::int64_t> integers;             // integer: exact values
        // integer: bounds of every value the column holds (dead ordinals' included; low > high
        // while empty), so facets count by offset when the span is small.
        std::int64_t integer_low = std::numeric_limits<std::int64_t>::max();
        std::int64_t integer_high = std::numeric_limits<std::int64_t>::min();

        std::uint32_t value_id(const std::string& value);  // adds an unknown value
    };

    const Column& column(const FilterClause& clause) const;
    Bitset matches(const Column& column, const FilterClause& clause, std::size_t size) const;

    std::vector<Column> columns_;
};

}  // namespace braid::engine
