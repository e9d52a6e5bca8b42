#pragma once
#include <string>
#include <vector>

#include "lexical/highlighter.hpp"

namespace braid::engine {

// "highlight" in a search request: snippets of the named text fields around the query's matches
// (lexical/highlighter.hpp cuts them; its check() holds the options' rules).
using lexical::HighlightOptions;

// The options' rules are the lexical module's (named here so that http/ applies them as it reads them).
inline void check_highlight_options(const HighlightOptions& options) { lexical::check(options); }

struct HighlightRequest {
    std::vector<std::string> fields;  // text fields of the collection, in the answer's order
    HighlightOptions options;
};

}  // namespace braid::engine
