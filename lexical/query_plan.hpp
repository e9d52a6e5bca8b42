#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "core/bitset.hpp"
#include "core/top_k.hpp"
#include "lexical/bm25_scorer.hpp"
#include "lexical/merged_cursor.hpp"

namespace braid::lexical {

// Upper bounds are inflated by this factor so float rounding can never make a real score
// exceed its bound (pruning must stay exact).
inline constexpr float kBoundSlack = 1.0f + 1e-5f;

// Which (field, term) of the query a QueryTerm scores; the strings belong to the LexicalQuery,
// which outlives its plan.
struct TermSource {
    const std::string* field = nullptr;
    const std::string* term = nullptr;
    std::uint32_t df = 0;
};

// One (field, term) pair of a query: a cursor over its postings, a scorer that sees only
// statistics, and score upper bounds for the whole list and, in one field, per block.
struct QueryTerm {
    // A text field: bounds from the block-max metadata of `list`.
    QueryTerm(const PostingList& list, Bm25TermScorer s, float avgdl, float tail_part, std::uint32_t g,
              TermSource src)
        : cursor(list), scorer(s), avgdl_(avgdl), block_max_(true), group(g), source(src) {
        const float part = std::max(list.sealed_part_bound(avgdl), tail_part);
        upper_bound = s.weight() * part * kBoundSlack;
        tail_bound_ = s.weight() * tail_part * kBoundSlack;
    }
    // The combined field (BM25F over the fields' postings): `part_bound` bounds the term part of
    // every document; there are no per-block bounds.
    QueryTerm(MergedCursor c, Bm25TermScorer s, float part_bound, std::uint32_t g, TermSource src)
        : cursor(std::move(c)), scorer(s), avgdl_(1), block_max_(false), group(g), source(src) {
        upper_bound = s.weight() * part_bound * kBoundSlack;
    }

    // Bound of the scores in block b of this term's postings (one field only).
    float block_bound(std::size_t b) const {
        const auto& metas = cursor.first().list().blocks();
        if (b >= metas.size()) return b < cursor.first().list().block_count() ? tail_bound_ : 0.0f;
        return scorer.weight() * PostingList::part_bound(metas[b], avgdl_) * kBoundSlack;
    }
    // Bound of the score of document `doc` (no decoding): its block's bound, or the list's.
    float bound_at(DocOrdinal doc) const {
        return block_max_ ? block_bound(cursor.first().block_of(doc)) : upper_bound;
    }

    // Seeks the cursor to `doc` and, when the document holds the term, explains the score the
    // scorer gives it there (the very cursor and scorer evaluation uses). Cursors move forward only.
    std::optional<TermExplanation> explain(DocOrdinal doc) {
        cursor.next_geq(doc);
        if (cursor.doc() != doc) return std::nullopt;
        const Bm25Explanation e = scorer.explain(doc, cursor.tf());
        return TermExplanation{*source.field, *source.term, e.tf, source.df, e.idf, e.field_length,
                               e.avg_field_length, e.boost, e.score, {}, std::nullopt, {}};
    }

    MergedCursor cursor;
    Bm25TermScorer scorer;
    float upper_bound = 0;
    float avgdl_;
    bool block_max_;
    float tail_bound_ = 0;
    std::uint32_t group;  // index of the distinct query term (AND needs one match per group)
    TermSource source;
};

// The cursors of one query; `groups` distinct terms (AND needs one match per group).
struct Plan {
    std::vector<QueryTerm> terms;
    std::size_t groups = 0;
    bool unmatched_group = false;  // some distinct term has no live postings in its fields
};

struct DocFilter {
    const Bitset* live;
    const Bitset* allowed;  // may be null
    bool accept(DocOrdinal d) const { return live->test(d) && (allowed == nullptr || allowed->test(d)); }
};

// OR: MaxScore (Turtle & Flood) with block-max bounds on the non-essential lists. The heap's
// threshold drives pruning; results equal exhaustive scoring (ties to the lower ordinal).
void evaluate_any(std::vector<QueryTerm>& terms, const DocFilter& filter, TopKHeap& heap);

// OR, term at a time: each term's postings, in plan order, add their scores into per-document
// accumulators, then the accepted documents enter the heap. No pruning, so its cost is the
// postings' count whatever k is; the same scores as evaluate_any, bit for bit.
void accumulate_any(std::vector<QueryTerm>& terms, const DocFilter& filter, TopKHeap& heap);

// Whether accumulate_any is expected to beat evaluate_any for `terms` over an index whose ordinals
// stop below `ordinals`. Measured with bench_lexical (SciFact, synthetic 100k and 1M, k 10 and
// 100): while the accumulators stay in the L2 cache (up to 2^17 ordinals) they win at any k;
// beyond, only when the postings cover an eighth of the ordinals (MaxScore skips little then).
bool accumulators_pay(const std::vector<QueryTerm>& terms, std::size_t ordinals);

// AND: every group must match; `groups` is the number of distinct groups.
void evaluate_all(std::vector<QueryTerm>& terms, std::size_t groups, const DocFilter& filter, TopKHeap& heap);

// True when a document whose score is at most `bound` cannot enter a heap with threshold `thr`
// (documents arrive in increasing ordinal order, so a tie loses). The slack covers the rounding
// of partial sums taken in a different order than canonical_sum.
inline bool cannot_enter(float bound, float thr) { return bound * (1.0f + 1e-4f) <= thr; }

// Sum of the contributions in term order, so every evaluator produces bit-identical scores.
inline float canonical_sum(const float* contributions, std::size_t n) {
    float s = 0;
    for (std::size_t i = 0; i < n; ++i) s += contributions[i];
    return s;
}

}  // namespace braid::lexical
