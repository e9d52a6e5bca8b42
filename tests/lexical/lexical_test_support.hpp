#pragma once
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/token.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::lexical::test {

// Tokens from whitespace-separated words, positions 0, 1, 2, ...
inline std::vector<analyzers::Token> words(const std::string& text) {
    std::vector<analyzers::Token> out;
    std::istringstream in(text);
    std::string w;
    std::uint32_t pos = 0;
    while (in >> w) out.push_back({w, pos++, 0, 0});
    return out;
}

inline std::vector<analyzers::Token> tokens(const std::vector<std::string>& terms) {
    std::vector<analyzers::Token> out;
    std::uint32_t pos = 0;
    for (const auto& t : terms) out.push_back({t, pos++, 0, 0});
    return out;
}

inline LexicalQuery query_of(std::vector<FieldQuery> fields, Operator op = Operator::any, std::size_t k = 10) {
    LexicalQuery q;
    q.fields = std::move(fields);
    q.op = op;
    q.k = k;
    return q;
}

}  // namespace braid::lexical::test
