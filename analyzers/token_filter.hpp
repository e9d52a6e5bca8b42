#pragma once
#include <vector>

#include "analyzers/token.hpp"

namespace braid::analyzers {

// Maps a token stream in place. A filter may rewrite token text or drop tokens; it never
// renumbers positions, so dropped tokens leave gaps. Each token is mapped on its own, whatever
// its neighbours (callers filter single tokens and memoize them: Analyzer::filter). Safe to call
// from many threads at once.
class TokenFilter {
public:
    virtual ~TokenFilter() = default;
    virtual void apply(std::vector<Token>& tokens) const = 0;
};

}  // namespace braid::analyzers
