#pragma once
#include "analyzers/tokenizer.hpp"

namespace braid::analyzers {

// Splits on Unicode White_Space; every other character, punctuation included, stays in a token.
class WhitespaceTokenizer final : public Tokenizer {
public:
    std::vector<Token> tokenize(std::string_view text) const override;
};

}  // namespace braid::analyzers
