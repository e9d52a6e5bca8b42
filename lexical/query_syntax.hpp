#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace braid::lexical {

// How a clause takes part in its boolean group (Lucene's Occur).
enum class Occur { should, must, must_not };

enum class SyntaxKind { word, phrase, prefix, fuzzy };

// One clause of a query in the simple syntax, before analysis.
struct SyntaxClause {
    SyntaxKind kind = SyntaxKind::word;
    Occur occur = Occur::should;
    std::string text;          // the word, the prefix without '*', the fuzzy word without '~', or the phrase's content
    std::uint32_t slop = 0;    // phrase: "..."~N
    std::optional<int> edits;  // fuzzy: word~N; empty for a bare word~ (the request's fuzziness applies)
    std::size_t offset = 0;    // byte offset of the clause (its +/- included) in the query text
};

// Clauses separated by '|' form alternatives; see README "Query syntax".
struct SyntaxQuery {
    std::vector<std::vector<SyntaxClause>> alternatives;
};

inline constexpr std::uint32_t kMaxSlop = 100;

// The simple syntax: "exact phrase", "phrase"~N, +required, -excluded, prefix*, word~ / word~N
// (N in 0..2), a | b. Whitespace separates clauses; any other character is text for the analyzer,
// and so is a '+' or '-' standing alone ("G - quadruplex").
// Malformed syntax throws braid::Error(invalid_argument, "invalid_query_syntax", ..., "query"),
// the message naming the byte offset of the mistake. Never reinterprets silently.
SyntaxQuery parse_simple_query(std::string_view text);

}  // namespace braid::lexical
