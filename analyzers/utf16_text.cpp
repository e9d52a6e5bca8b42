#include "analyzers/utf16_text.hpp"

#include <limits>

#include <unicode/utf8.h>

#include "core/error.hpp"

namespace braid::analyzers {

Utf16Text Utf16Text::decode(std::string_view utf8) {
    if (utf8.size() > std::numeric_limits<std::int32_t>::max() / 2) {
        throw Error(ErrorKind::invalid_argument, "text_too_large",
                    "text of " + std::to_string(utf8.size()) + " bytes is too large to analyze");
    }
    Utf16Text out;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto length = static_cast<std::int32_t>(utf8.size());
    char16_t* buffer = out.text.getBuffer(length);  // UTF-16 never needs more units than UTF-8 bytes
    out.byte_offset.reserve(utf8.size() + 1);
    std::int32_t units = 0;
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            c = 0xFFFD;
            out.well_formed = false;
        }
        if (c <= 0xFFFF) {
            buffer[units++] = static_cast<char16_t>(c);
            out.byte_offset.push_back(static_cast<std::uint32_t>(start));
        } else {
            buffer[units++] = U16_LEAD(c);
            buffer[units++] = U16_TRAIL(c);
            out.byte_offset.push_back(static_cast<std::uint32_t>(start));
            out.byte_offset.push_back(static_cast<std::uint32_t>(start));
        }
    }
    out.text.releaseBuffer(units);
    out.byte_offset.push_back(static_cast<std::uint32_t>(utf8.size()));
    return out;
}

std::string to_utf8(const icu::UnicodeString& text, std::int32_t begin, std::int32_t end) {
    std::string out;
    text.tempSubStringBetween(begin, end).toUTF8String(out);
    return out;
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

bool is_ascii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

std::size_t count_code_points(std::string_view utf8) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto length = static_cast<std::int64_t>(utf8.size());
    std::size_t count = 0;
    std::int64_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        ++count;
    }
    return count;
}

}  // namespace braid::analyzers
