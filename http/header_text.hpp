#pragma once
#include <string_view>

namespace braid::http {

// HTTP header values: optional whitespace (spaces and tabs) around them, names and tokens
// compared case-insensitively in ASCII.
std::string_view trim_whitespace(std::string_view text);
bool iequals_ascii(std::string_view a, std::string_view b);

}  // namespace braid::http
