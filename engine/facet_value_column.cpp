#include "engine/facet_value_column.hpp"

#include "core/error.hpp"

namespace braid::engine {

void FacetValueColumn::set(DocOrdinal ordinal, std::span<const std::uint32_t> ids) {
    if (slots_.size() <= ordinal) slots_.resize(std::size_t(ordinal) + 1, kNone);
    if (slots_[ordinal] != kNone && (slots_[ordinal] & kMultiple)) --multi_valued_;
    if (ids.empty()) {
        slots_[ordinal] = kNone;
        return;
    }
    if (ids.size() == 1) {
        slots_[ordinal] = ids[0];
        return;
    }
    if (overflow_.size() + ids.size() + 1 > kMultiple)
        throw Error(ErrorKind::invalid_argument, "invalid_document", "more than 2^31 keyword values in one field");
    slots_[ordinal] = kMultiple | static_cast<std::uint32_t>(overflow_.size());
    overflow_.push_back(static_cast<std::uint32_t>(ids.size()));
    overflow_.insert(overflow_.end(), ids.begin(), ids.end());
    ++multi_valued_;
}

void FacetValueColumn::remap(const OrdinalRemap& remap, std::span<const std::uint32_t> new_id) {
    std::vector<std::uint32_t> slots(remap.new_end(), kNone);
    std::vector<std::uint32_t> overflow;
    std::vector<std::uint32_t> ids;
    std::size_t multi_valued = 0;
    for (std::size_t o = 0; o < slots_.size(); ++o) {
        const DocOrdinal moved = remap(static_cast<DocOrdinal>(o));
        if (moved == kNoDoc) continue;
        ids.clear();
        for_each_value(static_cast<DocOrdinal>(o), [&](std::uint32_t id) {
            const std::uint32_t renamed = id < new_id.size() ? new_id[id] : kNone;
            if (renamed != kNone) ids.push_back(renamed);
        });
        if (ids.size() == 1) {
            slots[moved] = ids[0];
        } else if (ids.size() > 1) {
            slots[moved] = kMultiple | static_cast<std::uint32_t>(overflow.size());
            overflow.push_back(static_cast<std::uint32_t>(ids.size()));
            overflow.insert(overflow.end(), ids.begin(), ids.end());
            ++multi_valued;
        }
    }
    multi_valued_ = multi_valued;
    slots_ = std::move(slots);
    overflow_ = std::move(overflow);
}

std::size_t FacetValueColumn::memory_bytes() const {
    return (slots_.capacity() + overflow_.capacity()) * sizeof(std::uint32_t);
}

}  // namespace braid::engine
