#pragma once
#include <faiss/impl/IDSelector.h>

#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"

namespace braid::dense {

// Accepts the FAISS ids (slots) that are live: dead slots are never returned.
class LiveSlotSelector final : public faiss::IDSelector {
public:
    explicit LiveSlotSelector(const Bitset& live) : live_(live) {}
    bool is_member(idx_t slot) const override { return live_.test(static_cast<std::size_t>(slot)); }

private:
    const Bitset& live_;
};

// Accepts live slots whose document ordinal is in the filter's `allowed` set.
class AllowedSlotSelector final : public faiss::IDSelector {
public:
    AllowedSlotSelector(const Bitset& live, const DocOrdinal* slot_to_doc, const Bitset& allowed)
        : live_(live), slot_to_doc_(slot_to_doc), allowed_(allowed) {}
    bool is_member(idx_t slot) const override {
        const auto s = static_cast<std::size_t>(slot);
        return live_.test(s) && allowed_.test(slot_to_doc_[s]);
    }

private:
    const Bitset& live_;
    const DocOrdinal* slot_to_doc_;
    const Bitset& allowed_;
};

}  // namespace braid::dense
