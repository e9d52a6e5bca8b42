#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.hpp"
#include "lexical/corpus_statistics.hpp"

namespace braid::lexical {

// The combined field: every text field of a document taken together (like an index of
// title + text). Queries without a `fields` map search it. It stores no postings: it is scored as
// BM25F over the fields' postings (CombinedStatistics), which ranks as a stored copy would.
inline constexpr std::string_view kCombinedField = "*";

enum class Operator { any, all };  // "or" / "and"

// Terms of one field, with the boost applied to that field's BM25.
struct FieldQuery {
    std::string field;  // a text field name, or kCombinedField
    float boost = 1.0f;
    std::vector<std::string> terms;  // analyzed query terms (duplicates count once)
};

// How an OR query is evaluated; every choice ranks bit-identically (tests and benchmarks pick one).
enum class OrEvaluation {
    automatic,     // accumulators where they are expected to be faster (accumulators_pay)
    pruned,        // MaxScore document at a time
    accumulated,   // term at a time into per-document accumulators
};

struct LexicalQuery {
    std::vector<FieldQuery> fields;
    // all: every distinct term (across the FieldQuery term lists) must occur in at least one of
    // the searched fields that lists it.
    Operator op = Operator::any;
    std::size_t k = 10;
    const Bitset* allowed = nullptr;  // when set, only these ordinals may be returned
    // When set, idf and avgdl come from these statistics (summed over the shards of a collection,
    // LexicalIndex::statistics) instead of this index's own: the scores of a sharded search.
    const CorpusStatistics* global = nullptr;
    OrEvaluation or_evaluation = OrEvaluation::automatic;
};

// The one rule for a field's boost: a number >= 0 that stays finite as a float. Throws
// braid::Error(invalid_argument, "invalid_boost", ..., "fields.<field>"). LexicalIndex applies it
// to every FieldQuery; callers that read boosts from a request apply it as they read them, so the
// mistake is named at once with its path.
void check_boost(std::string_view field, double boost);

// The combined field is scored as BM25F: its tf and length are sums over the text fields. One
// text field's part of them, for one term of one document.
struct FieldPart {
    std::string field;
    std::uint32_t tf = 0;
    std::uint32_t field_length = 0;
};

// One matching (field, term) pair of a document, as the scorer that ranked it computed it.
struct TermExplanation {
    std::string field;
    std::string term;
    std::uint32_t tf = 0;
    std::uint32_t df = 0;
    float idf = 0;
    std::uint32_t field_length = 0;
    float avg_field_length = 0;
    float boost = 1;
    float score = 0;  // boost * idf * tf / (tf + k1 (1 - b + b dl / avgdl))
    // Tree (simple syntax) queries: the clause this entry scores, as the query wrote it after
    // analysis (e.g. "heart attack"~2, chole*, +cholestrol~1); empty for plain queries.
    std::string clause{};
    // Phrase clauses: the phrase frequency used as tf (fractional under slop); `term` lists the
    // phrase's terms, `df` the smallest of their document frequencies, `idf` the sum of their idfs.
    std::optional<float> phrase_freq{};
    // The combined field's terms (not phrases): each text field holding the term, with its tf
    // (they sum to `tf`) and its length (`field_length` sums every text field's).
    std::vector<FieldPart> field_parts{};
};

}  // namespace braid::lexical
