#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "lexical/posting_cursor.hpp"

namespace braid::lexical {

// The postings of one term as the scoring evaluators read them: one field's list, or several
// fields' lists read as one (the combined field, BM25F), doc() the smallest ordinal any part is
// on and tf() the parts' summed tf there. Several parts stepped with next() are merged a buffer
// at a time, so next() is an index step like a single list's, and the parts run ahead of doc()
// (no positions: phrase and proximity matching read TermCursor, whose parts stay on its
// document). next_geq past the buffer merges nothing ahead: a cursor moved only by skips (a
// non-essential list) reads the parts where they stand.
class MergedCursor {
public:
    explicit MergedCursor(const PostingList& list) {
        parts_.emplace_back(list);
        doc_ = parts_[0].doc();
    }
    // `lists` non-empty, each non-null, in field order.
    explicit MergedCursor(const std::vector<const PostingList*>& lists) {
        parts_.reserve(lists.size());
        for (const PostingList* l : lists) parts_.emplace_back(*l);
        if (parts_.size() == 1) {
            doc_ = parts_[0].doc();
        } else {
            refill();
        }
    }

    DocOrdinal doc() const { return doc_; }
    std::uint32_t tf() const {
        if (single()) return parts_[0].tf();
        if (pos_ < count_) return tfs_[pos_];
        std::uint32_t tf = 0;  // unbuffered: the parts stand on doc()
        for (const auto& p : parts_)
            if (p.doc() == doc_) tf += p.tf();
        return tf;
    }
    void next() {
        if (single()) {
            parts_[0].next();
            doc_ = parts_[0].doc();
        } else if (++pos_ < count_) {
            doc_ = docs_[pos_];
        } else {
            if (count_ == 0 && doc_ != kNoDoc)  // unbuffered: step the parts off doc()
                for (auto& p : parts_)
                    if (p.doc() == doc_) p.next();
            refill();
        }
    }
    // The postings from doc() on that are merged already (run_size() of them, at least one
    // unless exhausted), for evaluators that read every posting; next_run() moves past them.
    // Several parts must have been stepped with next() only (buffered).
    const DocOrdinal* run_docs() const { return single() ? parts_[0].run_docs() : docs_ + pos_; }
    const std::uint32_t* run_tfs() const { return single() ? parts_[0].run_tfs() : tfs_ + pos_; }
    std::uint32_t run_size() const { return single() ? parts_[0].run_size() : count_ - pos_; }
    void next_run() {
        if (single()) {
            parts_[0].next_run();
            doc_ = parts_[0].doc();
        } else {
            refill();
        }
    }

    // Moves to the first posting with ordinal >= target.
    void next_geq(DocOrdinal target) {
        if (doc_ >= target) return;  // also true when exhausted
        if (single()) {
            parts_[0].next_geq(target);
            doc_ = parts_[0].doc();
            return;
        }
        if (count_ > 0 && target <= docs_[count_ - 1]) {
            while (docs_[pos_] < target) ++pos_;
            doc_ = docs_[pos_];
            return;
        }
        // Every part is past the buffer or on doc(), below the target: skip them, merge nothing.
        doc_ = kNoDoc;
        for (auto& p : parts_) {
            p.next_geq(target);
            doc_ = p.doc() < doc_ ? p.doc() : doc_;
        }
        count_ = 0;
        pos_ = 0;
    }

    bool single() const { return parts_.size() == 1; }
    // The one field's cursor (single() only), for block-max bounds. An evaluator that moves it
    // directly calls sync() afterwards.
    const PostingCursor& first() const { return parts_[0]; }
    PostingCursor& single_cursor() { return parts_[0]; }
    void sync() {
        if (single()) doc_ = parts_[0].doc();
    }
    std::size_t parts() const { return parts_.size(); }
    const PostingList& part_list(std::size_t i) const { return parts_[i].list(); }
    // Postings over the parts, dead ones included (a cost estimate).
    std::uint64_t size() const {
        std::uint64_t n = 0;
        for (const auto& p : parts_) n += p.list().size();
        return n;
    }

private:
    static constexpr std::uint32_t kBuffer = PostingList::kBlockSize;

    // Merges the parts' next postings into the buffer; doc() is its first (kNoDoc when none).
    void refill() {
        std::uint32_t n = 0;
        if (parts_.size() == 2) {
            PostingCursor& a = parts_[0];
            PostingCursor& b = parts_[1];
            while (n < kBuffer) {
                const DocOrdinal da = a.doc();
                const DocOrdinal db = b.doc();
                if (da < db) {
                    docs_[n] = da;
                    tfs_[n++] = a.tf();
                    a.next();
                } else if (db < da) {
                    docs_[n] = db;
                    tfs_[n++] = b.tf();
                    b.next();
                } else {
                    if (da == kNoDoc) break;
                    docs_[n] = da;
                    tfs_[n++] = a.tf() + b.tf();
                    a.next();
                    b.next();
                }
            }
        } else {
            while (n < kBuffer) {
                DocOrdinal d = kNoDoc;
                for (const auto& p : parts_) d = p.doc() < d ? p.doc() : d;
                if (d == kNoDoc) break;
                std::uint32_t tf = 0;
                for (auto& p : parts_)
                    if (p.doc() == d) {
                        tf += p.tf();
                        p.next();
                    }
                docs_[n] = d;
                tfs_[n++] = tf;
            }
        }
        count_ = n;
        pos_ = 0;
        doc_ = n > 0 ? docs_[0] : kNoDoc;
    }

    DocOrdinal doc_ = kNoDoc;
    std::uint32_t pos_ = 0;
    std::uint32_t count_ = 0;  // buffered postings; 0: unbuffered, the parts stand on doc()
    // Several parts: the merged postings, doc() at pos_.
    DocOrdinal docs_[kBuffer];
    std::uint32_t tfs_[kBuffer];
    std::vector<PostingCursor> parts_;
};

}  // namespace braid::lexical
