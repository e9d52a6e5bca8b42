#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "lexical/posting_cursor.hpp"

namespace braid::lexical {

// The postings of one term in one field, or in several fields read as one (the combined field,
// BM25F): doc() is the smallest ordinal any part is on, tf() the sum of the parts' tfs there.
// With one part it is a PostingCursor with its block-max lookups.
class TermCursor {
public:
    explicit TermCursor(const PostingList& list) : first_(list) { doc_ = first_.doc(); }
    // `lists` non-empty, each non-null, in field order.
    explicit TermCursor(const std::vector<const PostingList*>& lists) : first_(*lists.front()) {
        for (std::size_t i = 1; i < lists.size(); ++i) rest_.emplace_back(*lists[i]);
        settle();
    }

    DocOrdinal doc() const { return doc_; }
    std::uint32_t tf() const {
        if (rest_.empty()) return first_.tf();
        std::uint32_t tf = first_.doc() == doc_ ? first_.tf() : 0;
        for (const auto& c : rest_)
            if (c.doc() == doc_) tf += c.tf();
        return tf;
    }
    // One field (the common case) goes straight to its cursor.
    void next() {
        if (rest_.empty()) {
            first_.next();
            doc_ = first_.doc();
            return;
        }
        if (doc_ == kNoDoc) return;
        if (first_.doc() == doc_) first_.next();
        for (auto& c : rest_)
            if (c.doc() == doc_) c.next();
        settle();
    }
    void next_geq(DocOrdinal target) {
        if (doc_ >= target) return;
        first_.next_geq(target);
        if (rest_.empty()) {
            doc_ = first_.doc();
            return;
        }
        for (auto& c : rest_) c.next_geq(target);
        settle();
    }

    // One field: its cursor, for block-max bounds and positions.
    bool single() const { return rest_.empty(); }
    const PostingCursor& first() const { return first_; }
    std::size_t parts() const { return 1 + rest_.size(); }
    const PostingCursor& part(std::size_t i) const { return i == 0 ? first_ : rest_[i - 1]; }
    // Postings over the parts, dead ones included (a cost estimate).
    std::uint64_t size() const {
        std::uint64_t n = first_.list().size();
        for (const auto& c : rest_) n += c.list().size();
        return n;
    }

private:
    void settle() {
        doc_ = first_.doc();
        for (const auto& c : rest_) doc_ = std::min(doc_, c.doc());
    }

    // doc_ and rest_ first: beside the cursor's own position, not past its decoded block.
    DocOrdinal doc_ = kNoDoc;
    std::vector<PostingCursor> rest_;
    PostingCursor first_;
};

}  // namespace braid::lexical
