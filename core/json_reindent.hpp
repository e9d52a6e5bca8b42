#pragma once
#include <string>
#include <string_view>

namespace braid {

// Compact JSON text laid out as pretty_json_text (core/json_text.hpp) lays out a value: two
// spaces per level, one member or element per line, "key": value, empty containers as {} and [].
// Works on the text itself, so every number and string stays exactly as written (reading numbers
// back would not, see Boost.JSON's 1-ULP parser). Whitespace outside strings is dropped first.
// The text is not validated: on malformed input the result is merely laid out as far as it goes.
std::string reindent_json_text(std::string_view json);

}  // namespace braid
