#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.hpp"
#include "lexical/field_index.hpp"
#include "lexical/forward_index.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/query_plan.hpp"
#include "lexical/term_dictionary.hpp"

namespace braid::lexical {

// The state behind LexicalIndex (shared by lexical_index.cpp and lexical_serialization.cpp).
struct LexicalIndex::Impl {
    Impl(std::vector<std::string> names, Bm25Params p, bool pos);

    // Index in `fields` of a text field name or of kCombinedField; npos when unknown.
    std::size_t field_slot(std::string_view name) const;
    // With one text field the combined field is that field itself (no second copy).
    std::size_t combined_slot() const { return fields.size() - 1; }
    // Cursors and scorers for a query; throws braid::Error(invalid_argument) on a bad field/boost.
    Plan make_plan(const LexicalQuery& query) const;

    Bm25Params params;
    bool positions;
    std::vector<std::string> text_fields;
    TermDictionary dictionary;
    std::vector<FieldIndex> fields;  // one per text field, then the combined one if 2+ fields
    ForwardIndex forward;
    Bitset live;
    std::size_t live_count = 0;
    DocOrdinal next_doc = 0;         // every new ordinal must be at least this
    std::size_t dead_postings = 0;   // postings of removed documents still stored
};

}  // namespace braid::lexical
