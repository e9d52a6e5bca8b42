#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace braid::engine {

// Where a document's vector member was cut out of its text, so that it can be put back in place.
struct VectorSlot {
    enum class Kind : std::uint8_t {
        none,         // the document had no vector member
        only,         // it was the only member: insert `"v":[...]`
        after_comma,  // it followed another member: insert `,"v":[...]`
        before_comma  // it was the first of several: insert `"v":[...],`
    };
    std::uint32_t offset = 0;  // in the stripped text
    Kind kind = Kind::none;
};

struct StrippedDocument {
    std::string text;  // the document's bytes as sent, minus the vector member
    VectorSlot slot;
};

// Cuts the member named `field` out of a document's JSON text (every occurrence; the slot is the
// last one's). The rest of the bytes are kept exactly as sent.
StrippedDocument strip_member(std::string_view document, std::string_view field);

// Puts `"field":[v0,v1,...]` back where strip_member() cut it (numbers in the shortest form that
// reads back to the same float); a document without a slot gets it as its last member.
std::string with_vector(std::string_view stripped, VectorSlot slot, std::string_view field,
                        std::span<const float> vector);

// Which top-level members of a returned document to keep: those named in `include` (all when it is
// empty) that are not named in `exclude`.
struct FieldSelection {
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    bool selects_all() const { return include.empty() && exclude.empty(); }
};

// The document with only the selected members, each member's bytes as they were.
std::string select_members(std::string_view document, const FieldSelection& selection);

}  // namespace braid::engine
