#include "lexical/field_index.hpp"

#include <algorithm>
#include <iterator>

#include "core/error.hpp"

namespace braid::lexical {

void FieldIndex::append(PostingList& list, DocOrdinal doc, std::uint32_t tf, const std::uint32_t* positions) {
    list.append(doc, tf, positions);
    ++stored_postings_;
    if (!list.tail_full()) return;
    // Seal with the block's largest term part under today's average length.
    const float avg = avgdl();
    list.seal_tail(tail_part_bound(list, avg), avg);
}

void FieldIndex::add_document(DocOrdinal doc, std::span<const TermOccurrence> occurrences,
                              std::vector<TermId>& distinct_terms) {
    distinct_terms.clear();
    // Statistics first, so the block a posting seals is bounded with this document counted.
    if (!lengths_.add(doc, static_cast<std::uint32_t>(occurrences.size()))) return;
    std::size_t i = 0;
    while (i < occurrences.size()) {
        const TermId term = occurrences[i].term;
        std::size_t j = i;
        scratch_positions_.clear();
        while (j < occurrences.size() && occurrences[j].term == term) {
            if (positions_) scratch_positions_.push_back(occurrences[j].position);
            ++j;
        }
        if (term >= slots_.size()) slots_.resize(static_cast<std::size_t>(term) + 1, kNoSlot);
        if (slots_[term] == kNoSlot) {
            slots_[term] = static_cast<std::uint32_t>(lists_.size());
            lists_.emplace_back();
            df_.push_back(0);
        }
        const std::uint32_t slot = slots_[term];
        append(lists_[slot], doc, static_cast<std::uint32_t>(j - i), positions_ ? scratch_positions_.data() : nullptr);
        ++df_[slot];
        distinct_terms.push_back(term);
        i = j;
    }
    live_postings_ += distinct_terms.size();
}

void FieldIndex::remove_document(DocOrdinal doc, std::span<const TermId> terms) {
    if (lengths_.remove(doc) == 0) return;
    for (TermId t : terms) --df_[slots_[t]];
    live_postings_ -= terms.size();
}

std::size_t FieldIndex::live_terms() const {
    return static_cast<std::size_t>(std::count_if(df_.begin(), df_.end(), [](std::uint32_t d) { return d > 0; }));
}

float FieldIndex::tail_part_bound(const PostingList& list, float avg) const {
    if (list.tail_count() == 0) return 0;
    DocOrdinal docs[PostingList::kBlockSize];
    std::uint32_t tfs[PostingList::kBlockSize];
    const std::uint32_t n = list.decode_block(list.sealed_blocks(), docs, tfs);
    float best = 0;
    for (std::uint32_t i = 0; i < n; ++i) best = std::max(best, term_part(tfs[i], lengths_[docs[i]], avg));
    return best;
}

std::size_t FieldIndex::memory_bytes() const {
    std::size_t bytes = sizeof(*this) + slots_.capacity() * sizeof(std::uint32_t) +
                        df_.capacity() * sizeof(std::uint32_t) + lengths_.capacity_bytes();
    for (const auto& l : lists_) bytes += l.memory_bytes();
    return bytes;
}

void FieldIndex::shrink_to_fit() {
    for (auto& l : lists_) l.shrink_to_fit();
    df_.shrink_to_fit();
    slots_.shrink_to_fit();
}

void FieldIndex::compact(const Bitset& live) { compact(OrdinalRemap::keeping(live, lengths_.size())); }

void FieldIndex::compact(const OrdinalRemap& remap) {
    // Lengths first: sealing a rewritten block reads the lengths of its documents.
    lengths_.remap(remap);
    std::deque<PostingList> old = std::move(lists_);
    lists_.clear();
    lists_.resize(old.size());
    stored_postings_ = 0;
    DocOrdinal docs[PostingList::kBlockSize];
    std::uint32_t tfs[PostingList::kBlockSize];
    for (std::size_t s = 0; s < old.size(); ++s) {
        const PostingList& src = old[s];
        for (std::size_t b = 0; b < src.block_count(); ++b) {
            const std::uint32_t n = src.decode_block(b, docs, tfs);
            for (std::uint32_t i = 0; i < n; ++i) {
                const DocOrdinal moved = remap(docs[i]);
                if (moved == kNoDoc) continue;
                const auto pos = positions_ ? src.positions(b, i, tfs) : std::vector<std::uint32_t>{};
                append(lists_[s], moved, tfs[i], positions_ ? pos.data() : nullptr);
            }
        }
        old[s] = PostingList{};
    }
    shrink_to_fit();
    lengths_.shrink_to_fit();
}

FieldIndex FieldIndex::from_raw(Bm25Params params, bool positions, Raw raw) {
    auto corrupt = [](const char* what) {
        throw Error(ErrorKind::io, "corrupt_index", std::string("corrupt lexical index: ") + what);
    };
    if (raw.lists.size() != raw.df.size()) corrupt("document frequencies do not match the postings");
    std::uint64_t stored = 0;
    std::vector<bool> seen(raw.lists.size(), false);
    for (auto slot : raw.slots) {
        if (slot == kNoSlot) continue;
        if (slot >= raw.lists.size() || seen[slot]) corrupt("bad term slot");
        seen[slot] = true;
    }
    for (std::size_t s = 0; s < raw.lists.size(); ++s) {
        if (!seen[s]) corrupt("postings without a term");
        if (raw.df[s] > raw.lists[s].size()) corrupt("document frequency above posting count");
        if (!raw.lists[s].empty() && raw.lists[s].last_doc() >= raw.lengths.size()) corrupt("posting past the last document");
        stored += raw.lists[s].size();
    }
    if (stored != raw.stored_postings || raw.live_postings > stored) corrupt("posting counts do not match");
    auto lengths = DocumentLengths::from_raw(std::move(raw.lengths), raw.total_length, raw.doc_count, "bad field statistics");
    FieldIndex f(params, positions);
    f.slots_ = std::move(raw.slots);
    f.lists_.assign(std::make_move_iterator(raw.lists.begin()), std::make_move_iterator(raw.lists.end()));
    f.df_ = std::move(raw.df);
    f.lengths_ = std::move(lengths);
    f.live_postings_ = static_cast<std::size_t>(raw.live_postings);
    f.stored_postings_ = static_cast<std::size_t>(raw.stored_postings);
    return f;
}

}  // namespace braid::lexical
