#pragma once
#include <cstdint>
#include <string>

namespace braid::analyzers {

struct Token {
    std::string text;
    std::uint32_t position = 0;  // word position; removed stopwords leave gaps
    std::uint32_t start = 0;     // byte offset of the first byte in the original text
    std::uint32_t end = 0;       // byte offset one past the last byte

    friend bool operator==(const Token&, const Token&) = default;
};

}  // namespace braid::analyzers
