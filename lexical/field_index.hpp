#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "lexical/bm25_part.hpp"
#include "lexical/document_lengths.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/posting_list.hpp"
#include "lexical/term_dictionary.hpp"

namespace braid::lexical {

// One occurrence of a term in a document's field; a document's occurrences sorted by
// (term, position) are what FieldIndex::add_document consumes.
struct TermOccurrence {
    TermId term;
    std::uint32_t position;
    friend bool operator<(const TermOccurrence& a, const TermOccurrence& b) {
        return a.term != b.term ? a.term < b.term : a.position < b.position;
    }
};

// Postings, document lengths and collection statistics of one text field.
// Statistics follow Lucene's: N is the number of live documents with at least one token in the
// field (Lucene's docCount), avgdl = live tokens / N, df counts live documents only.
// Unlike Lucene, which stores lengths lossily (SmallFloat, one byte), lengths here are exact.
class FieldIndex {
public:
    FieldIndex(Bm25Params params, bool positions) : params_(params), positions_(positions) {}

    // Appends a document; `occurrences` sorted, `distinct_terms` receives its sorted term ids.
    void add_document(DocOrdinal doc, std::span<const TermOccurrence> occurrences,
                      std::vector<TermId>& distinct_terms);
    // Undoes the statistics of a live document whose distinct terms are `terms`.
    void remove_document(DocOrdinal doc, std::span<const TermId> terms);

    const PostingList* postings(TermId term) const {
        if (term >= slots_.size() || slots_[term] == kNoSlot) return nullptr;
        return &lists_[slots_[term]];
    }
    std::uint32_t df(TermId term) const {
        return term < slots_.size() && slots_[term] != kNoSlot ? df_[slots_[term]] : 0;
    }
    std::uint32_t length(DocOrdinal doc) const { return lengths_.length(doc); }
    const std::uint32_t* lengths() const { return lengths_.data(); }
    std::size_t doc_count() const { return lengths_.doc_count(); }
    std::uint64_t total_length() const { return lengths_.total_length(); }
    float avgdl() const { return lengths_.avgdl(); }
    std::size_t live_postings() const { return live_postings_; }
    std::size_t stored_postings() const { return stored_postings_; }
    std::size_t live_terms() const;  // terms with df > 0
    // Upper bound of the tail block's term part under the current statistics.
    float tail_part_bound(const PostingList& list) const { return tail_part_bound(list, avgdl()); }
    // The same bound under another average length (global statistics of a sharded collection).
    float tail_part_bound(const PostingList& list, float avgdl) const;
    float term_part(std::uint32_t tf, std::uint32_t dl, float avgdl) const { return bm25_term_part(params_, tf, dl, avgdl); }
    std::size_t memory_bytes() const;
    void shrink_to_fit();

    // Rebuilds postings without the documents `live` does not contain.
    void compact(const Bitset& live);
    // Rebuilds postings and lengths under the new ordinals of `remap`, without the documents it
    // drops (which must be dead: statistics are left as they are).
    void compact(const OrdinalRemap& remap);

    // Serialization access.
    struct Raw {
        std::vector<std::uint32_t> slots;
        std::vector<PostingList> lists;
        std::vector<std::uint32_t> df;
        std::vector<std::uint32_t> lengths;
        std::uint64_t total_length = 0;
        std::uint64_t doc_count = 0;
        std::uint64_t live_postings = 0;
        std::uint64_t stored_postings = 0;
    };
    const std::vector<std::uint32_t>& slots() const { return slots_; }
    const std::deque<PostingList>& lists() const { return lists_; }
    const std::vector<std::uint32_t>& dfs() const { return df_; }
    const std::vector<std::uint32_t>& lengths_vector() const { return lengths_.vector(); }
    // Throws braid::Error(io) when the parts are inconsistent.
    static FieldIndex from_raw(Bm25Params params, bool positions, Raw raw);

private:
    static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFU;
    void append(PostingList& list, DocOrdinal doc, std::uint32_t tf, const std::uint32_t* positions);

    Bm25Params params_;
    bool positions_;
    std::vector<std::uint32_t> slots_;  // term id -> index in lists_ / df_
    std::deque<PostingList> lists_;  // a deque: no doubling slack, no moves when it grows
    std::vector<std::uint32_t> df_;
    DocumentLengths lengths_;
    std::size_t live_postings_ = 0;
    std::size_t stored_postings_ = 0;
    std::vector<std::uint32_t> scratch_positions_;
};

}  // namespace braid::lexical
