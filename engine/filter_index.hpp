#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "engine/parsed_document.hpp"
#include "engine/search_request.hpp"

namespace braid::engine {

// The filterable fields of a collection (keyword, integer, float, bool), by ordinal: keyword and
// bool values as postings lists, numbers as columns. Dead ordinals stay in the columns; evaluate()
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
        std::unordered_map<std::string, std::vector<DocOrdinal>> postings;  // keyword, bool ("true"/"false")
        std::vector<double> numbers;                                       // integer, float; NaN = absent
        std::vector<std::int64_t> integers;                                // integer: exact values
    };

    const Column& column(const FilterClause& clause) const;
    Bitset matches(const Column& column, const FilterClause& clause, std::size_t size) const;

    std::vector<Column> columns_;
};

}  // namespace braid::engine
