#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.hpp"
#include "core/bitset.hpp"
#include "lexical/lexical_query.hpp"
#include "lexical/query_syntax.hpp"

namespace braid::lexical {

// synonyms: the alternatives of a query stretch a synonym rule matched, each form one of them
// (a term, or a phrase when it has several terms); a document matches when it holds any, and
// scores the sum of those it holds (as Lucene's BooleanQuery of SHOULD clauses that its
// QueryBuilder makes of multi-word synonyms).
enum class ClauseKind { term, phrase, prefix, fuzzy, synonyms };

// A clause analyzed for one searched field.
struct FieldForm {
    std::size_t field = 0;                // index into TreeQuery::fields (synonyms: several forms per field)
    std::vector<std::string> terms;       // phrase: in order; synonyms: one or more; others: exactly one
    std::vector<std::uint32_t> positions; // phrase: each term's position relative to the first
};

// One analyzed clause: the same text analyzed by each searched field's analyzer. A document's
// clause score is the sum over the fields (in `forms` order) of the field's score.
struct QueryClause {
    ClauseKind kind = ClauseKind::term;
    Occur occur = Occur::should;
    std::string label;       // how explain names it: heart, "heart attack"~2, chole*, cholestrol~1
    std::uint32_t slop = 0;  // phrase
    int edits = 0;           // fuzzy, resolved (auto applied)
    std::vector<FieldForm> forms;  // fields where the analysis left nothing are absent
};

// "minimum_should_match": a count or a percentage, negative meaning "all but" (Lucene).
struct MinimumShouldMatch {
    int value = 0;
    bool percent = false;
    // Lucene/Elasticsearch: n; -n: total - n; p%: floor(total * p / 100); -p%: total - floor(total * p / 100);
    // the result clamped to [0, total].
    std::size_t resolve(std::size_t total) const;
};

struct FieldTarget {
    std::string field;  // a text field, or kCombinedField
    float boost = 1.0f;
};

// A boolean query over analyzed clauses. Each alternative is a group of clauses: a document
// matches it when it holds every must clause, no must_not clause, and at least
// `minimum_should_match` should clauses (at least one when the group has no must clause); its
// score is the sum of its must and should clauses' scores. With several alternatives a document
// matches when it matches any (or `minimum_should_match` of them) and scores their sum.
struct TreeQuery {
    std::vector<FieldTarget> fields;
    std::vector<std::vector<QueryClause>> alternatives;
    std::optional<MinimumShouldMatch> minimum_should_match;
    std::size_t max_expansions = 50;  // per field, for prefix and fuzzy clauses
    std::size_t prefix_length = 0;    // fuzzy: leading characters that must match exactly
    std::size_t k = 10;
    const Bitset* allowed = nullptr;
};

// "fuzziness": "auto" is Lucene's AUTO (0 edits for 1-2 characters, 1 for 3-5, 2 above), else 0..2.
struct Fuzziness {
    bool automatic = true;
    int edits = 0;
    int resolve(std::size_t code_points) const;
};

// The request members that shape a lexical query beyond its text.
struct SyntaxOptions {
    bool simple = false;  // "syntax": "simple" (else "plain")
    std::optional<MinimumShouldMatch> minimum_should_match;
    Fuzziness fuzziness;               // for word~ without a number
    std::size_t prefix_length = 0;
    std::size_t max_expansions = 50;
    // Limits the request readers apply (naming the member's path).
    static constexpr std::size_t kMaxPrefixLength = 64;
    static constexpr std::size_t kMaxExpansions = 1024;
};

struct FieldAnalyzer {
    FieldTarget target;
    const analyzers::Analyzer* analyzer = nullptr;
};

// Analyzes a parsed simple-syntax query for each field. With Operator::all plain clauses become
// required in their alternative; with Operator::any the alternatives fold into one group (an OR
// of everything). A prefix or fuzzy word must analyze to at most one token per field (else
// invalid_query_syntax naming its offset); clauses that analyze to nothing in every field drop.
std::vector<std::vector<QueryClause>> analyze_query(const SyntaxQuery& syntax, std::span<const FieldAnalyzer> fields,
                                                    Operator op, const Fuzziness& fuzziness);

// The plain query as a tree: one should clause per distinct term (across fields), for
// minimum_should_match over a plain query.
std::vector<std::vector<QueryClause>> plain_clauses(const std::vector<FieldQuery>& fields, Operator op);

// Whether any field's analyzer has synonym rules.
bool has_synonyms(std::span<const FieldAnalyzer> fields);

// The plain query as a tree with synonyms expanded (query_synonyms.cpp): each field's tokens pass
// through its analyzer's synonym map; a token no rule matched is a term clause (one per distinct
// term, as plain_clauses), a stretch a rule matched is one synonyms clause. Clauses are required
// with Operator::all, else optional. Empty when the query analyzes to nothing.
std::vector<std::vector<QueryClause>> plain_synonym_clauses(std::string_view query, std::span<const FieldAnalyzer> fields,
                                                           Operator op);

// Clauses of per-field token streams (tokens[f] for fields[f]) with synonyms expanded, as above,
// each with `occur`.
std::vector<QueryClause> synonym_stream_clauses(const std::vector<std::vector<analyzers::Token>>& tokens,
                                                std::span<const FieldAnalyzer> fields, Occur occur);

}  // namespace braid::lexical
