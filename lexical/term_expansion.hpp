#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexical/field_view.hpp"
#include "lexical/term_dictionary.hpp"

namespace braid::lexical {

// UTF-8 to code points (an invalid byte becomes U+FFFD); edit distances count code points.
std::u32string code_points(std::string_view utf8);

// Damerau-Levenshtein distance in its restricted form (optimal string alignment: insertions,
// deletions, substitutions and transpositions of adjacent characters cost 1, no substring edited
// twice), as Lucene's Levenshtein automata with transpositions compute it. Returns max_edits + 1
// when the distance exceeds max_edits.
int damerau_levenshtein(std::u32string_view a, std::u32string_view b, int max_edits);

// One term a prefix or fuzzy clause expands to in a field.
struct Expansion {
    TermId term = kNoTerm;
    int edits = 0;        // fuzzy: the distance to the query term; prefix: 0
    std::uint32_t df = 0;
    float boost = 1.0f;   // fuzzy: max(0, 1 - edits / min(len(term), len(query))) as Lucene's FuzzyQuery
};

// Terms of `field` (live df > 0) within `max_edits` of `term` that share its first
// `prefix_length` code points; the `max_expansions` closest, ties to the higher df then the
// lower term text (Lucene keeps the best by boost, then term order).
std::vector<Expansion> expand_fuzzy(const TermDictionary& dictionary, const FieldView& field, std::string_view term,
                                    int max_edits, std::size_t prefix_length, std::size_t max_expansions);

// Terms of `field` (live df > 0) starting with `prefix`, byte-wise; the `max_expansions` with
// the highest df, ties to the lower term text.
std::vector<Expansion> expand_prefix(const TermDictionary& dictionary, const FieldView& field, std::string_view prefix,
                                     std::size_t max_expansions);

}  // namespace braid::lexical
