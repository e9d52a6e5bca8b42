#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "analyzers/synonym_map.hpp"

namespace braid::analyzers {

// One filter of a chain. `kind` is nfkc_casefold | lowercase | ascii_folding | arabic_normalization |
// persian_normalization | stop | stem | length | synonyms.
struct FilterSpec {
    std::string kind;
    std::string language;             // stop: built-in list name ("english"); stem: Snowball algorithm
    std::vector<std::string> words;   // stop: explicit words (used when language is empty)
    std::size_t min_length = 0;       // length: keep tokens with min <= chars <= max (max 0 = unbounded)
    std::size_t max_length = 0;
    std::vector<SynonymRule> synonyms;  // synonyms: applied to queries only (see Analyzer::synonyms)
};

// A named chain: a tokenizer (icu | whitespace) followed by filters, in order.
struct AnalyzerSpec {
    std::string tokenizer = "icu";
    std::vector<FilterSpec> filters;
};

}  // namespace braid::analyzers
