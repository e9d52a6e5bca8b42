#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace braid::engine {

// The top-level members of a JSON object's text, found by a small scanner instead of a parse:
// stored documents are spliced into answers as bytes, and field selection cuts them the same way.
// The text must be valid JSON (stored documents were parsed when they came in).
struct JsonMember {
    std::size_t begin = 0;      // offset of the key's opening quote
    std::size_t end = 0;        // one past the value's last byte
    std::string_view raw_key;   // between the quotes, escapes as written
};

// Throws braid::Error(internal) when the text is not an object.
std::vector<JsonMember> top_level_members(std::string_view object);

// True when a raw key (escapes as written) spells `name`.
bool key_equals(std::string_view raw_key, std::string_view name);

// The key with its escapes decoded (\n, \", \u00e9, surrogate pairs ...).
std::string decoded_key(std::string_view raw_key);

}  // namespace braid::engine
