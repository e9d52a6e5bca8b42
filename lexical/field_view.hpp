#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "lexical/combined_statistics.hpp"
#include "lexical/field_index.hpp"
#include "lexical/term_cursor.hpp"

namespace braid::lexical {

// A searched field as the evaluators read it: one text field, or the combined field, whose
// statistics are CombinedStatistics and whose postings are those of every text field (BM25F).
class FieldView {
public:
    FieldView(const FieldIndex& field) : parts_(&field, 1) {}  // NOLINT: a field is a view of itself
    FieldView(std::span<const FieldIndex> parts, const CombinedStatistics& combined) : parts_(parts), combined_(&combined) {}

    bool combined() const { return combined_ != nullptr; }
    std::span<const FieldIndex> parts() const { return parts_; }

    std::uint32_t df(TermId term) const { return combined_ ? combined_->df(term) : parts_[0].df(term); }
    std::size_t doc_count() const { return combined_ ? combined_->doc_count() : parts_[0].doc_count(); }
    std::uint64_t total_length() const { return combined_ ? combined_->total_length() : parts_[0].total_length(); }
    float avgdl() const { return combined_ ? combined_->avgdl() : parts_[0].avgdl(); }
    const std::uint32_t* lengths() const { return combined_ ? combined_->lengths() : parts_[0].lengths(); }
    std::uint32_t length(DocOrdinal doc) const { return combined_ ? combined_->length(doc) : parts_[0].length(doc); }

    // The term's postings in every part that has some (field order); empty when none does.
    std::vector<const PostingList*> postings(TermId term) const {
        std::vector<const PostingList*> out;
        for (const auto& f : parts_)
            if (const PostingList* l = f.postings(term); l != nullptr && !l->empty()) out.push_back(l);
        return out;
    }
    // A cursor over the term's postings; nullopt when no part holds the term.
    std::optional<TermCursor> cursor(TermId term) const {
        const auto lists = postings(term);
        if (lists.empty()) return std::nullopt;
        return TermCursor(lists);
    }

private:
    std::span<const FieldIndex> parts_;
    const CombinedStatistics* combined_ = nullptr;
};

}  // namespace braid::lexical
