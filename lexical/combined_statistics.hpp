#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "lexical/bm25_part.hpp"
#include "lexical/document_lengths.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/term_dictionary.hpp"

namespace braid::lexical {

// The statistics of the combined field (every text field of a document taken together), which
// has no postings of its own: queries on it are scored as BM25F over the per-field postings
// (Lucene's CombinedFieldQuery, every field weight 1): tf = sum of the fields' tf, length = sum
// of the fields' lengths, N = live documents with a token in any field, df = live documents
// holding the term in any field. These are exactly the figures a stored combined field had, so
// scores are the same. Per term it also keeps a bound of the BM25 term part over every document
// ever added (the block-max metadata a stored list had, for the whole list at once).
class CombinedStatistics {
public:
    explicit CombinedStatistics(Bm25Params params) : params_(params) {}

    // A document whose distinct terms over all fields are `terms` (ascending), with those
    // terms' summed frequencies `tfs`, and `length` tokens over all fields.
    void add_document(DocOrdinal doc, std::span<const TermId> terms, std::span<const std::uint32_t> tfs,
                      std::uint32_t length);
    // Undoes the statistics of a live document whose distinct terms over all fields are `terms`.
    void remove_document(DocOrdinal doc, std::span<const TermId> terms);
    // Moves lengths to the new ordinals of `remap` (statistics stay as they are).
    void remap(const OrdinalRemap& remap);

    std::uint32_t df(TermId term) const { return term < df_.size() ? df_[term] : 0; }
    std::uint32_t length(DocOrdinal doc) const { return lengths_.length(doc); }
    const std::uint32_t* lengths() const { return lengths_.data(); }
    std::size_t doc_count() const { return lengths_.doc_count(); }
    std::uint64_t total_length() const { return lengths_.total_length(); }
    float avgdl() const { return lengths_.avgdl(); }
    // Upper bound of tf / (tf + k1 (1 - b + b dl / avgdl)) over the term's documents.
    float part_bound(TermId term, float avgdl) const { return term < bounds_.size() ? bounds_[term].at(avgdl) : 0; }
    std::size_t live_terms() const;  // terms with df > 0
    std::size_t memory_bytes() const {
        return sizeof(*this) + df_.capacity() * sizeof(std::uint32_t) + lengths_.capacity_bytes() +
               bounds_.capacity() * sizeof(bounds_[0]);
    }

    // Serialization access. bounds: per term.
    struct Raw {
        std::vector<std::uint32_t> df;
        std::vector<std::uint32_t> lengths;
        std::vector<PartBound> bounds;
        std::uint64_t total_length = 0;
        std::uint64_t doc_count = 0;
    };
    const std::vector<std::uint32_t>& dfs() const { return df_; }
    const std::vector<std::uint32_t>& lengths_vector() const { return lengths_.vector(); }
    const std::vector<PartBound>& bounds() const { return bounds_; }
    // Throws braid::Error(io) when the parts are inconsistent.
    static CombinedStatistics from_raw(Bm25Params params, Raw raw, std::size_t vocabulary);

private:
    Bm25Params params_;
    std::vector<std::uint32_t> df_;  // by term id
    DocumentLengths lengths_;
    std::vector<PartBound> bounds_;  // by term id
};

}  // namespace braid::lexical
