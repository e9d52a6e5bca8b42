#include "lexical/document_lengths.hpp"

#include <string>

#include "core/error.hpp"

namespace braid::lexical {

bool DocumentLengths::add(DocOrdinal doc, std::uint32_t length) {
    if (doc >= lengths_.size()) lengths_.resize(static_cast<std::size_t>(doc) + 1, 0);
    lengths_[doc] = length;
    if (length == 0) return false;
    total_length_ += length;
    ++doc_count_;
    return true;
}

std::uint32_t DocumentLengths::remove(DocOrdinal doc) {
    const std::uint32_t dl = length(doc);
    if (dl == 0) return 0;
    total_length_ -= dl;
    --doc_count_;
    return dl;
}

void DocumentLengths::remap(const OrdinalRemap& remap) {
    std::vector<std::uint32_t> lengths(remap.new_end(), 0);
    for (std::size_t o = 0; o < lengths_.size(); ++o)
        if (remap.keeps(static_cast<DocOrdinal>(o))) lengths[remap(static_cast<DocOrdinal>(o))] = lengths_[o];
    lengths_ = std::move(lengths);
}

DocumentLengths DocumentLengths::from_raw(std::vector<std::uint32_t> lengths, std::uint64_t total_length,
                                          std::uint64_t doc_count, const char* what) {
    std::uint64_t total = 0;
    for (auto l : lengths) total += l;
    if (total_length > total || doc_count > lengths.size())
        throw Error(ErrorKind::io, "corrupt_index", std::string("corrupt lexical index: ") + what);
    DocumentLengths out;
    out.lengths_ = std::move(lengths);
    out.total_length_ = total_length;
    out.doc_count_ = static_cast<std::size_t>(doc_count);
    return out;
}

}  // namespace braid::lexical
