#pragma once
#include <string_view>
#include <vector>

#include "analyzers/token.hpp"

namespace braid::analyzers {

// Splits text into tokens numbered 0, 1, 2, ... with byte offsets into `text`.
// Implementations are immutable and safe to call from many threads at once.
class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    virtual std::vector<Token> tokenize(std::string_view text) const = 0;
};

}  // namespace braid::analyzers
