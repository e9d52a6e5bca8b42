#include "analyzers/whitespace_tokenizer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace braid::analyzers {
namespace {

void append_utf8(std::string& out, UChar32 c) {
    char buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buffer), length, c);
    out.append(buffer, static_cast<std::size_t>(length));
}

}  // namespace

std::vector<Token> WhitespaceTokenizer::tokenize(std::string_view text) const {
    std::vector<Token> tokens;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int64_t>(text.size());
    std::uint32_t position = 0;
    bool in_token = false;
    Token current;
    std::int64_t i = 0;
    while (i < length) {
        const std::int64_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0 && u_isUWhiteSpace(c)) {
            if (in_token) {
                current.end = static_cast<std::uint32_t>(start);
                tokens.push_back(std::move(current));
                current = Token{};
                in_token = false;
            }
            continue;
        }
        if (!in_token) {
            in_token = true;
            current.position = position++;
            current.start = static_cast<std::uint32_t>(start);
        }
        if (c < 0) {
            append_utf8(current.text, 0xFFFD);
        } else {
            current.text.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    if (in_token) {
        current.end = static_cast<std::uint32_t>(text.size());
        tokens.push_back(std::move(current));
    }
    return tokens;
}

}  // namespace braid::analyzers
