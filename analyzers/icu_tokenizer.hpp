#pragma once
#include "analyzers/tokenizer.hpp"

namespace braid::analyzers {

// Word boundaries of ICU's BreakIterator (root locale, UAX #29 plus ICU's dictionaries for
// CJK, Thai, Lao, Khmer and Burmese). Keeps the segments whose rule status marks them as words
// (letters, numbers, kana, ideographs) and emoji; spaces, punctuation and symbols are dropped.
class IcuTokenizer final : public Tokenizer {
public:
    std::vector<Token> tokenize(std::string_view text) const override;
};

}  // namespace braid::analyzers
