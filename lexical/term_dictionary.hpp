#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace braid::lexical {

using TermId = std::uint32_t;
inline constexpr TermId kNoTerm = 0xFFFFFFFFU;

// One dictionary for all fields: term text -> dense id. Ids are never reused; a field maps an id
// to its own postings (FieldIndex), so a term that occurs in two fields has one id.
class TermDictionary {
public:
    TermId find(std::string_view term) const {
        auto it = ids_.find(term);
        return it == ids_.end() ? kNoTerm : it->second;
    }
    TermId intern(std::string_view term) {
        auto it = ids_.find(term);
        if (it != ids_.end()) return it->second;
        const auto id = static_cast<TermId>(terms_.size());
        terms_.emplace_back(term);
        ids_.emplace(terms_.back(), id);
        return id;
    }
    std::size_t size() const { return terms_.size(); }
    const std::string& term(TermId id) const { return terms_[id]; }
    std::size_t memory_bytes() const {
        std::size_t bytes = terms_.size() * sizeof(std::string) + ids_.bucket_count() * sizeof(void*) +
                            ids_.size() * (sizeof(std::string_view) + sizeof(TermId) + 2 * sizeof(void*));
        for (const auto& t : terms_)
            if (t.capacity() > 15) bytes += t.capacity() + 1;
        return bytes;
    }

private:
    // A deque never moves its elements, so the map's views into them stay valid.
    std::deque<std::string> terms_;
    std::unordered_map<std::string_view, TermId> ids_;
};

}  // namespace braid::lexical
