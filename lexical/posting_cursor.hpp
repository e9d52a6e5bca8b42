#pragma once
#include <algorithm>
#include <cstdint>

#include "core/doc_ordinal.hpp"
#include "lexical/posting_list.hpp"

namespace braid::lexical {

// Forward iterator over one PostingList, a block at a time. doc() is kNoDoc once exhausted.
// next_geq skips whole blocks through their metadata without decoding them.
class PostingCursor {
public:
    explicit PostingCursor(const PostingList& list) : list_(&list), blocks_(list.block_count()) {
        load(0);
    }

    DocOrdinal doc() const { return doc_; }
    std::uint32_t tf() const { return tfs_[pos_]; }
    std::size_t block() const { return block_; }
    std::uint32_t index_in_block() const { return pos_; }
    const std::uint32_t* block_tfs() const { return tfs_; }
    const PostingList& list() const { return *list_; }

    void next() {
        if (++pos_ < count_) {
            doc_ = docs_[pos_];
        } else {
            load(block_ + 1);
        }
    }

    // The decoded block's postings from doc() on (run_size() of them; 0 once exhausted), for
    // evaluators that read every posting; next_run() moves to the next block's first.
    const DocOrdinal* run_docs() const { return docs_ + pos_; }
    const std::uint32_t* run_tfs() const { return tfs_ + pos_; }
    std::uint32_t run_size() const { return count_ - pos_; }
    void next_run() { load(block_ + 1); }

    // Moves to the first posting with ordinal >= target.
    void next_geq(DocOrdinal target) {
        if (doc_ >= target) return;  // also true when exhausted
        if (target > list_->block_last_doc(block_)) {
            const std::size_t b = find_block(target);
            if (b >= blocks_) {
                exhaust();
                return;
            }
            load(b);
        }
        while (docs_[pos_] < target) ++pos_;
        doc_ = docs_[pos_];
    }

    // Index of the block that would hold `target` (found through metadata, nothing decoded),
    // or block_count() past the end; block-max bounds are looked up with it.
    std::size_t block_of(DocOrdinal target) const {
        return target <= list_->block_last_doc(block_) ? block_ : find_block(target);
    }

private:
    std::size_t find_block(DocOrdinal target) const {
        std::size_t b = block_ + 1;
        // Short hops are the common case; fall back to binary search for long ones.
        for (int i = 0; i < 4 && b < blocks_; ++i, ++b)
            if (list_->block_last_doc(b) >= target) return b;
        const auto& metas = list_->blocks();
        if (b >= metas.size()) return b < blocks_ && list_->last_doc() >= target ? b : blocks_;
        auto it = std::lower_bound(metas.begin() + static_cast<std::ptrdiff_t>(b), metas.end(), target,
                                   [](const BlockMeta& m, DocOrdinal t) { return m.last_doc < t; });
        const auto found = static_cast<std::size_t>(it - metas.begin());
        if (found < metas.size()) return found;
        return (metas.size() < blocks_ && list_->last_doc() >= target) ? metas.size() : blocks_;
    }

    void load(std::size_t b) {
        if (b >= blocks_) {
            exhaust();
            return;
        }
        block_ = b;
        count_ = list_->decode_block(b, docs_, tfs_);
        pos_ = 0;
        doc_ = docs_[0];
    }

    void exhaust() {
        block_ = blocks_;
        doc_ = kNoDoc;
        pos_ = 0;
        count_ = 0;
        tfs_[0] = 0;
    }

    const PostingList* list_;
    std::size_t blocks_;
    std::size_t block_ = 0;
    std::uint32_t pos_ = 0;
    std::uint32_t count_ = 0;
    DocOrdinal doc_ = kNoDoc;
    DocOrdinal docs_[PostingList::kBlockSize];
    std::uint32_t tfs_[PostingList::kBlockSize];
};

}  // namespace braid::lexical
