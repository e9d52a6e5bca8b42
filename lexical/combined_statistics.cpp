#include "lexical/combined_statistics.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace braid::lexical {

void CombinedStatistics::add_document(DocOrdinal doc, std::span<const TermId> terms, std::span<const std::uint32_t> tfs,
                                      std::uint32_t length) {
    if (doc >= lengths_.size()) lengths_.resize(static_cast<std::size_t>(doc) + 1, 0);
    lengths_[doc] = length;
    if (length == 0) return;
    // Statistics first, as a stored field sealed its blocks with the document counted.
    total_length_ += length;
    ++doc_count_;
    if (!terms.empty() && terms.back() >= df_.size()) {
        df_.resize(static_cast<std::size_t>(terms.back()) + 1, 0);
        bounds_.resize(df_.size(), {0.0f, 0.0f});
    }
    const float avg = avgdl();
    const float norm = params_.k1 * ((1.0f - params_.b) + params_.b * static_cast<float>(length) / avg);
    for (std::size_t i = 0; i < terms.size(); ++i) {
        ++df_[terms[i]];
        const float f = static_cast<float>(tfs[i]);
        const float part = f / (f + norm);
        auto& [largest, per_avgdl] = bounds_[terms[i]];
        largest = std::max(largest, part);
        per_avgdl = std::max(per_avgdl, part / avg);
    }
}

void CombinedStatistics::remove_document(DocOrdinal doc, std::span<const TermId> terms) {
    const std::uint32_t dl = length(doc);
    if (dl == 0) return;
    total_length_ -= dl;
    --doc_count_;
    for (TermId t : terms) --df_[t];
}

void CombinedStatistics::remap(const OrdinalRemap& remap) {
    std::vector<std::uint32_t> lengths(remap.new_end(), 0);
    for (std::size_t o = 0; o < lengths_.size(); ++o)
        if (remap.keeps(static_cast<DocOrdinal>(o))) lengths[remap(static_cast<DocOrdinal>(o))] = lengths_[o];
    lengths_ = std::move(lengths);
}

std::size_t CombinedStatistics::live_terms() const {
    return static_cast<std::size_t>(std::count_if(df_.begin(), df_.end(), [](std::uint32_t d) { return d > 0; }));
}

CombinedStatistics CombinedStatistics::from_raw(Bm25Params params, Raw raw, std::size_t vocabulary) {
    auto corrupt = [](const char* what) {
        throw Error(ErrorKind::io, "corrupt_index", std::string("corrupt lexical index: ") + what);
    };
    if (raw.df.size() > vocabulary || raw.bounds.size() != raw.df.size()) corrupt("bad combined document frequencies");
    std::uint64_t total = 0;
    for (auto l : raw.lengths) total += l;
    if (raw.total_length > total || raw.doc_count > raw.lengths.size()) corrupt("bad combined statistics");
    for (auto d : raw.df)
        if (d > raw.doc_count) corrupt("combined document frequency above the document count");
    CombinedStatistics c(params);
    c.df_ = std::move(raw.df);
    c.lengths_ = std::move(raw.lengths);
    c.bounds_ = std::move(raw.bounds);
    c.total_length_ = raw.total_length;
    c.doc_count_ = static_cast<std::size_t>(raw.doc_count);
    return c;
}

}  // namespace braid::lexical
