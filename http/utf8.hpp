#pragma once
#include <string>
#include <string_view>

namespace braid::http {

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);
// `text` with every byte that is not part of a valid UTF-8 sequence replaced by '?', so it can be
// echoed inside a JSON string.
std::string sanitize_utf8(std::string_view text);

}  // namespace braid::http
