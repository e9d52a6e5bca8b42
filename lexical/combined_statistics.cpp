#include "lexical/combined_statistics.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace braid::lexical {

void CombinedStatistics::add_document(DocOrdinal doc, std::span<const TermId> terms, std::span<const std::uint32_t> tfs,
                                      std::uint32_t length) {
    // Statistics first, as a stored field sealed its blocks with the document counted.
    if (!lengths_.add(doc, length)) return;
    if (!terms.empty() && terms.back() >= df_.size()) {
        df_.resize(static_cast<std::size_t>(terms.back()) + 1, 0);
        bounds_.resize(df_.size());
    }
    const float avg = lengths_.avgdl();
    for (std::size_t i = 0; i < terms.size(); ++i) {
        ++df_[terms[i]];
        bounds_[terms[i]].include(bm25_term_part(params_, tfs[i], length, avg), avg);
    }
}

void CombinedStatistics::remove_document(DocOrdinal doc, std::span<const TermId> terms) {
    if (lengths_.remove(doc) == 0) return;
    for (TermId t : terms) --df_[t];
}

void CombinedStatistics::remap(const OrdinalRemap& remap) { lengths_.remap(remap); }

std::size_t CombinedStatistics::live_terms() const {
    return static_cast<std::size_t>(std::count_if(df_.begin(), df_.end(), [](std::uint32_t d) { return d > 0; }));
}

CombinedStatistics CombinedStatistics::from_raw(Bm25Params params, Raw raw, std::size_t vocabulary) {
    auto corrupt = [](const char* what) {
        throw Error(ErrorKind::io, "corrupt_index", std::string("corrupt lexical index: ") + what);
    };
    if (raw.df.size() > vocabulary || raw.bounds.size() != raw.df.size()) corrupt("bad combined document frequencies");
    auto lengths = DocumentLengths::from_raw(std::move(raw.lengths), raw.total_length, raw.doc_count, "bad combined statistics");
    for (auto d : raw.df)
        if (d > lengths.doc_count()) corrupt("combined document frequency above the document count");
    CombinedStatistics c(params);
    c.df_ = std::move(raw.df);
    c.lengths_ = std::move(lengths);
    c.bounds_ = std::move(raw.bounds);
    return c;
}

}  // namespace braid::lexical
