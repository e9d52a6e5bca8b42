#include "dense/slot_map.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace braid::dense {

SlotMap::Slot SlotMap::assign(DocOrdinal doc) {
    if (slot_to_doc_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
        throw std::length_error("vector index is full: FAISS slots are 32-bit");
    }
    remove(doc);
    const Slot slot = static_cast<Slot>(slot_to_doc_.size());
    slot_to_doc_.push_back(doc);
    if (doc >= doc_to_slot_.size()) doc_to_slot_.resize(static_cast<std::size_t>(doc) + 1, kNoSlot);
    doc_to_slot_[doc] = slot;
    live_.set(slot);
    live_docs_.set(doc);
    ++live_count_;
    return slot;
}

bool SlotMap::remove(DocOrdinal doc) {
    const Slot slot = slot_of(doc);
    if (slot == kNoSlot) return false;
    doc_to_slot_[doc] = kNoSlot;
    live_.reset(slot);
    live_docs_.reset(doc);
    --live_count_;
    return true;
}

std::vector<SlotMap::Slot> SlotMap::allowed_live_slots(const Bitset& allowed) const {
    std::vector<Slot> slots;
    const auto& words = allowed.words();
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
            const std::size_t doc = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
            if (doc >= doc_to_slot_.size()) return slots;
            if (doc_to_slot_[doc] != kNoSlot) slots.push_back(doc_to_slot_[doc]);
        }
    }
    return slots;
}

std::size_t SlotMap::count_allowed(const Bitset& allowed) const {
    const auto& a = allowed.words();
    const auto& d = live_docs_.words();
    const std::size_t n = std::min(a.size(), d.size());
    std::size_t count = 0;
    for (std::size_t w = 0; w < n; ++w) count += static_cast<std::size_t>(std::popcount(a[w] & d[w]));
    return count;
}

std::vector<SlotMap::Slot> SlotMap::live_slots() const {
    std::vector<Slot> slots;
    slots.reserve(live_count_);
    const auto& words = live_.words();
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
            slots.push_back(static_cast<Slot>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
        }
    }
    return slots;
}

void SlotMap::remap(const OrdinalRemap& remap) {
    std::vector<DocOrdinal> slot_to_doc(slot_to_doc_.size(), kNoDoc);
    for (const Slot slot : live_slots()) {
        const DocOrdinal moved = remap(slot_to_doc_[slot]);
        if (moved == kNoDoc) throw std::invalid_argument("an ordinal remap drops a document with a live vector");
        slot_to_doc[slot] = moved;
    }
    *this = restore(std::move(slot_to_doc), std::move(live_));
}

std::size_t SlotMap::memory_bytes() const {
    return slot_to_doc_.capacity() * sizeof(DocOrdinal) + doc_to_slot_.capacity() * sizeof(Slot) +
           live_.memory_bytes() + live_docs_.memory_bytes();
}

SlotMap SlotMap::restore(std::vector<DocOrdinal> slot_to_doc, Bitset live) {
    SlotMap map;
    live.resize(slot_to_doc.size());
    for (std::size_t slot = 0; slot < slot_to_doc.size(); ++slot) {
        if (!live.test(slot)) continue;
        const DocOrdinal doc = slot_to_doc[slot];
        if (doc == kNoDoc) throw std::invalid_argument("live slot without a document");
        if (doc >= map.doc_to_slot_.size()) map.doc_to_slot_.resize(static_cast<std::size_t>(doc) + 1, kNoSlot);
        if (map.doc_to_slot_[doc] != kNoSlot) throw std::invalid_argument("document with two live slots");
        map.doc_to_slot_[doc] = static_cast<Slot>(slot);
        map.live_docs_.set(doc);
        ++map.live_count_;
    }
    map.slot_to_doc_ = std::move(slot_to_doc);
    map.live_ = std::move(live);
    return map;
}

}  // namespace braid::dense
