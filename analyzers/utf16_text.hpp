#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/unistr.h>

namespace braid::analyzers {

// UTF-8 text decoded to UTF-16 for ICU, remembering where each UTF-16 unit came from.
// Ill-formed UTF-8 never fails: each bad sequence becomes U+FFFD.
struct Utf16Text {
    icu::UnicodeString text;
    // byte_offset[i] is the byte offset in the UTF-8 input of UTF-16 unit i;
    // byte_offset[text.length()] is the input size.
    std::vector<std::uint32_t> byte_offset;
    // False when some input bytes were replaced by U+FFFD.
    bool well_formed = true;

    static Utf16Text decode(std::string_view utf8);
};

// UTF-8 of text[begin, end) (UTF-16 indices).
std::string to_utf8(const icu::UnicodeString& text, std::int32_t begin, std::int32_t end);
std::string to_utf8(const icu::UnicodeString& text);

bool is_ascii(std::string_view text);
// Number of code points; each ill-formed byte sequence counts as one.
std::size_t count_code_points(std::string_view utf8);

}  // namespace braid::analyzers
