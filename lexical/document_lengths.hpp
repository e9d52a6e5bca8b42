#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"

namespace braid::lexical {

// The exact token count of each document in one field (or in the combined field) and the BM25
// statistics taken from them, as Lucene counts them: N = live documents with at least one token
// (docCount), avgdl = their tokens / N. An empty document has a length of 0 and is not counted.
class DocumentLengths {
public:
    // Records `doc`'s length; counts it unless it is empty (then returns false).
    bool add(DocOrdinal doc, std::uint32_t length);
    // Uncounts a live document; returns its length (0: it was not counted, nothing changed).
    std::uint32_t remove(DocOrdinal doc);
    // Moves lengths to the new ordinals of `remap` (N and the total stay as they are).
    void remap(const OrdinalRemap& remap);

    std::uint32_t length(DocOrdinal doc) const { return doc < lengths_.size() ? lengths_[doc] : 0; }
    std::uint32_t operator[](DocOrdinal doc) const { return lengths_[doc]; }
    const std::uint32_t* data() const { return lengths_.data(); }
    std::size_t size() const { return lengths_.size(); }
    const std::vector<std::uint32_t>& vector() const { return lengths_; }
    std::size_t doc_count() const { return doc_count_; }
    std::uint64_t total_length() const { return total_length_; }
    float avgdl() const {
        return doc_count_ == 0 ? 1.0f : static_cast<float>(static_cast<double>(total_length_) / static_cast<double>(doc_count_));
    }
    std::size_t capacity_bytes() const { return lengths_.capacity() * sizeof(std::uint32_t); }
    void shrink_to_fit() { lengths_.shrink_to_fit(); }

    // Throws braid::Error(io) "corrupt lexical index: <what>" when the figures cannot come from
    // these lengths.
    static DocumentLengths from_raw(std::vector<std::uint32_t> lengths, std::uint64_t total_length,
                                    std::uint64_t doc_count, const char* what);

private:
    std::vector<std::uint32_t> lengths_;  // by ordinal
    std::uint64_t total_length_ = 0;
    std::size_t doc_count_ = 0;
};

}  // namespace braid::lexical
