#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.hpp"
#include "analyzers/token.hpp"
#include "lexical/tree_query.hpp"

namespace braid::lexical {

// "highlight" in a search request: how snippets are cut and marked.
struct HighlightOptions {
    std::size_t fragment_size = 150;  // bytes of source text per fragment (before escaping and tags)
    std::size_t fragments = 5;        // at most this many per field, best first
    std::string pre = "<em>";
    std::string post = "</em>";
    bool html = false;                // "encoder": "html": escape the source's & < > " '
    // A field without a match gives its first no_match_size bytes (cut at a word boundary), as
    // Elasticsearch's no_match_size; 0 (the default, as there): nothing for that field.
    std::size_t no_match_size = 0;

    static constexpr std::size_t kMinFragmentSize = 10;
    static constexpr std::size_t kMaxFragmentSize = 10000;
    static constexpr std::size_t kMaxFragments = 100;
    static constexpr std::size_t kMaxTagBytes = 256;
    static constexpr std::size_t kMaxNoMatchSize = 10000;
};

// The options' rules; throws braid::Error(invalid_argument, "invalid_request", ..., "highlight.<member>").
void check(const HighlightOptions& options);

// What a highlighter looks for: the clauses of a query analyzed for the highlighted field (must_not
// clauses are left out by the caller or ignored here).
struct HighlightQuery {
    std::vector<QueryClause> clauses;  // each clause's forms[0] is the field's analysis
    std::size_t prefix_length = 0;     // fuzzy: leading code points that must match exactly
};

// A matched token of the text: its bytes and the clause it matched.
struct MatchedSpan {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::size_t clause = 0;  // index into HighlightQuery::clauses

    friend bool operator==(const MatchedSpan&, const MatchedSpan&) = default;
};

// Tokens of `tokens` that a clause matches: a term clause its exact analyzed term (stems match
// stems), a prefix clause the terms starting with it, a fuzzy clause the terms within its edits
// (Damerau-Levenshtein, sharing prefix_length code points), a phrase clause only the tokens of
// an occurrence of the phrase (slop N: each later term within N positions of where the exact
// phrase would put it). Sorted by start; a token matched by several clauses appears once (the
// first clause). Unlike the index's expansion, prefix and fuzzy are not capped by max_expansions.
std::vector<MatchedSpan> match_spans(const std::vector<analyzers::Token>& tokens, const HighlightQuery& query);

// Up to options.fragments snippets of `text` around matched spans, best first: a fragment scores
// the sum of the weights of the distinct clauses it holds (a phrase weighs its term count, any
// other clause 1), plus 0.1 per further match;
// ties go to the earlier fragment. Fragments do not overlap, stay within fragment_size bytes
// (a single longer token excepted), cut at UTF-8 character boundaries, preferring a sentence
// start, else a word boundary. Matched spans are wrapped in pre/post.
std::vector<std::string> highlight_fragments(std::string_view text, const std::vector<MatchedSpan>& spans,
                                             const HighlightQuery& query, const HighlightOptions& options);

// The whole job for one text: analyze, match, cut. Empty when nothing matches and no_match_size is 0.
std::vector<std::string> highlight_text(std::string_view text, const analyzers::Analyzer& analyzer,
                                        const HighlightQuery& query, const HighlightOptions& options);

// highlight_text for the many texts of one query and field (a page of hits), without re-running
// the analyzer's filters on words met before: what the filters make of each word the tokenizer
// gives is remembered per thread and analyzer (bounded, across requests: word frequencies are
// skewed), and what the clauses make of each analyzed word per highlighter. Filters map each
// token on its own (analyzers::Analyzer::filter), so this gives exactly what highlight_text
// gives. Not thread-safe (one per request and field).
class Highlighter {
public:
    Highlighter(std::shared_ptr<const analyzers::Analyzer> analyzer, HighlightQuery query);
    ~Highlighter();
    Highlighter(Highlighter&&) noexcept;
    Highlighter& operator=(Highlighter&&) noexcept;

    std::vector<std::string> fragments(std::string_view text, const HighlightOptions& options);
    // match_spans(analyzer.analyze(text), query), through the memos.
    std::vector<MatchedSpan> spans(std::string_view text);
    const HighlightQuery& query() const { return query_; }

private:
    struct Clauses;  // highlighter.cpp: the clauses' word-level tests, with this query's memo

    std::shared_ptr<const analyzers::Analyzer> analyzer_;
    HighlightQuery query_;
    std::unique_ptr<Clauses> clauses_;
};

}  // namespace braid::lexical
