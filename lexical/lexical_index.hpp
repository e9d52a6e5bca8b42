#pragma once
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/token.hpp"
#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "core/scored_doc.hpp"
#include "lexical/lexical_query.hpp"
#include "lexical/tree_query.hpp"

namespace braid::lexical {

struct Bm25Params {
    float k1 = 0.9f;
    float b = 0.4f;
};

struct FieldTokens {
    std::string field;
    std::vector<analyzers::Token> tokens;
};

struct LexicalStats {
    std::size_t documents = 0;   // live documents
    std::size_t terms = 0;       // distinct terms over all fields (combined field included)
    std::size_t postings = 0;
    std::size_t memory_bytes = 0;
};

// Inverted index over the text fields of one collection; the combined field (kCombinedField)
// reads their postings as one field (BM25F, lexical/combined_statistics.hpp).
// Statistics (N, df, avgdl) count live documents only: a deleted or replaced version leaves them
// exactly as if it had never been added. To undo a document's contribution, the index keeps a
// small forward index (per document, the sorted term ids of each field); removed postings stay
// in place, skipped through the live set, until dead postings outnumber live ones and the
// postings are rewritten (compaction). Per field, as in Lucene: N is the number of live
// documents with at least one token in the field, avgdl = live tokens / N. BM25 is Lucene's
// (>= 8) except that document lengths are exact where Lucene quantizes them to one byte.
// Not internally synchronized: concurrent const calls are safe, writes need exclusive access
// (the engine holds a reader-writer lock).
class LexicalIndex {
public:
    LexicalIndex(std::vector<std::string> text_fields, Bm25Params params, bool store_positions = false);
    ~LexicalIndex();
    LexicalIndex(LexicalIndex&&) noexcept;
    LexicalIndex& operator=(LexicalIndex&&) noexcept;

    // `doc` must be greater than every ordinal added before. Fields not listed are empty.
    void add(DocOrdinal doc, const std::vector<FieldTokens>& fields);
    // No-op when the ordinal is absent or already removed.
    void remove(DocOrdinal doc);
    bool contains(DocOrdinal doc) const;
    // Renumbers every live document by `remap` (which must keep each of them) and forgets the
    // removed ones: postings are rewritten under the new ordinals (a compaction), lengths and
    // forward records move; statistics, scores and explanations stay exactly the same. Later
    // add() calls need ordinals from remap.new_end() on. Throws braid::Error(internal), changing
    // nothing, when `remap` drops a live document.
    void remap(const OrdinalRemap& remap);

    // Top-k by BM25 with dynamic pruning; returns exactly what exhaustive scoring returns
    // (ties broken by lower ordinal). Throws braid::Error(invalid_argument) on an unknown field.
    std::vector<ScoredDoc> search(const LexicalQuery& query) const;
    // Every document search() would return were k unbounded (live, within query.allowed), found
    // by a count-only traversal of the postings: nothing scored, nothing ranked (lexical/match_set.cpp).
    // For exact totals and facet counts; query.k is ignored. Throws as search() does.
    Bitset matches(const LexicalQuery& query) const;
    // Per-term breakdown of one document's score under the query: the cursors and scorers of the
    // very plan search() runs, each seeked to `doc`, in the plan's term order (summing the scores
    // in that order as floats gives exactly the score search() returned for `doc`).
    std::vector<TermExplanation> explain(const LexicalQuery& query, DocOrdinal doc) const;

    // Boolean queries over term, phrase, prefix and fuzzy clauses (the simple syntax, and
    // minimum_should_match): exhaustive document-at-a-time evaluation, no pruning
    // (lexical/tree_search.cpp). Ties broken by lower ordinal. Phrases need positions: an index
    // loaded from a snapshot written without them throws Error(invalid_argument, "positions_unavailable").
    std::vector<ScoredDoc> search(const TreeQuery& query) const;
    // Every document search() would return were k unbounded, without ranking them (query.k is ignored).
    Bitset matches(const TreeQuery& query) const;
    // One entry per (clause, field, expanded term) that scores `doc`, in evaluation order; their
    // sum is the document's score (up to float rounding: clauses are summed per clause first).
    std::vector<TermExplanation> explain(const TreeQuery& query, DocOrdinal doc) const;

    // Positions of `term` in `doc`'s `field` (empty unless the index stores positions, or when
    // the document is absent or lacks the term). Throws braid::Error(invalid_argument) on an
    // unknown field.
    std::vector<std::uint32_t> positions(std::string_view field, std::string_view term, DocOrdinal doc) const;

    // What BM25 reads for `query` from this index (per searched field: N, length sum, each
    // term's df), to be summed over shards and passed back as LexicalQuery::global.
    // Throws braid::Error(invalid_argument) on an unknown field.
    CorpusStatistics statistics(const LexicalQuery& query) const;

    LexicalStats stats() const;
    const Bm25Params& params() const;
    const std::vector<std::string>& text_fields() const;

    void save(std::ostream& out) const;
    static LexicalIndex load(std::istream& in);  // throws braid::Error(io) on corrupt input

    struct Impl;  // lexical_index_impl.hpp; named here for the evaluators inside lexical/

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace braid::lexical
