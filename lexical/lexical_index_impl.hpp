#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.hpp"
#include "lexical/combined_statistics.hpp"
#include "lexical/field_index.hpp"
#include "lexical/field_view.hpp"
#include "lexical/forward_index.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/query_plan.hpp"
#include "lexical/term_dictionary.hpp"

namespace braid::lexical {

// Position gap between two fields inside the combined field (like Lucene's position increment
// gap): the combined field's positions are each field's in turn, the next starting this far past
// the previous one's last token, so a phrase spans a field boundary only with a slop near it.
inline constexpr std::uint32_t kFieldPositionGap = 100;

// The state behind LexicalIndex (shared by lexical_index.cpp and lexical_serialization.cpp).
struct LexicalIndex::Impl {
    Impl(std::vector<std::string> names, Bm25Params p, bool pos);

    // Index in `fields` of a text field name or of kCombinedField; npos when unknown.
    std::size_t field_slot(std::string_view name) const;
    // With one text field the combined field is that field itself; with more it has no postings
    // of its own (slot fields.size(): statistics in `combined`, postings those of every field).
    std::size_t combined_slot() const { return fields.size() == 1 ? 0 : fields.size(); }
    FieldView view(std::size_t slot) const {
        return slot < fields.size() ? FieldView(fields[slot]) : FieldView(fields, combined);
    }
    // The largest position of a token of `doc` in text field `field` (0 when it has none);
    // read from the forward index and the postings (needs positions).
    std::uint32_t last_position(std::size_t field, DocOrdinal doc) const;
    // The combined field's BM25F parts of `term` in `doc`: each text field holding it.
    std::vector<FieldPart> field_parts(TermId term, DocOrdinal doc) const;
    // Cursors and scorers for a query; throws braid::Error(invalid_argument) on a bad field/boost.
    Plan make_plan(const LexicalQuery& query) const;

    Bm25Params params;
    bool positions;
    std::vector<std::string> text_fields;
    TermDictionary dictionary;
    std::vector<FieldIndex> fields;  // one per text field
    CombinedStatistics combined;     // the combined field's, when there are 2+ text fields
    ForwardIndex forward;
    Bitset live;
    std::size_t live_count = 0;
    DocOrdinal next_doc = 0;         // every new ordinal must be at least this
    std::size_t dead_postings = 0;   // postings of removed documents still stored
};

}  // namespace braid::lexical
