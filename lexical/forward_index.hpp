#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "lexical/term_dictionary.hpp"

namespace braid::lexical {

// Per document, the sorted distinct term ids of each text field (the combined field is their
// union), kept so remove() can undo a document's statistics exactly without scanning postings.
// Coded as, per field: varint count, then varint gaps between ids.
class ForwardIndex {
public:
    void add(DocOrdinal doc, const std::vector<std::vector<TermId>>& field_terms);
    // The term lists of `doc` (one per field); empty lists when the document is unknown.
    std::vector<std::vector<TermId>> get(DocOrdinal doc, std::size_t fields) const;
    // Moves every record kept by `remap` to its new ordinal and forgets the others.
    void remap(const OrdinalRemap& remap);
    std::size_t memory_bytes() const {
        return bytes_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
    }

    const std::vector<std::uint8_t>& bytes() const { return bytes_; }
    const std::vector<std::uint64_t>& offsets() const { return offsets_; }
    // Throws braid::Error(io) when the parts are inconsistent.
    static ForwardIndex from_raw(std::vector<std::uint8_t> bytes, std::vector<std::uint64_t> offsets,
                                 std::size_t fields, std::size_t vocabulary);

private:
    std::vector<std::uint8_t> bytes_;
    // offsets_[d] .. offsets_[d + 1] is document d's record; ordinals never added have none.
    std::vector<std::uint64_t> offsets_{0};
};

}  // namespace braid::lexical
