#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"

namespace braid::dense {

// FAISS ids are append-only slot numbers. A slot holds one vector version of one document; an
// upsert takes a new slot and kills the old one, a delete kills the slot. Dead slots stay in the
// FAISS index (HNSW still routes through them) until a rebuild compacts them away.
class SlotMap {
public:
    using Slot = std::uint32_t;
    static constexpr Slot kNoSlot = std::numeric_limits<Slot>::max();

    // Takes the next slot for `doc`, killing the slot it had. Returns the new slot.
    Slot assign(DocOrdinal doc);
    // Kills the slot of `doc`; returns false when it had none.
    bool remove(DocOrdinal doc);

    Slot slot_of(DocOrdinal doc) const { return doc < doc_to_slot_.size() ? doc_to_slot_[doc] : kNoSlot; }
    DocOrdinal doc_of(Slot slot) const { return slot_to_doc_[slot]; }
    bool is_live(Slot slot) const { return live_.test(slot); }

    std::size_t slot_count() const { return slot_to_doc_.size(); }
    std::size_t live_count() const { return live_count_; }
    std::size_t dead_count() const { return slot_to_doc_.size() - live_count_; }
    const Bitset& live() const { return live_; }
    // Documents that have a live vector, by ordinal.
    const Bitset& live_docs() const { return live_docs_; }
    // How many documents in `allowed` have a live vector.
    std::size_t count_allowed(const Bitset& allowed) const;
    const std::vector<DocOrdinal>& slot_to_doc() const { return slot_to_doc_; }

    // Live slots whose document is in `allowed`, in slot order.
    std::vector<Slot> allowed_live_slots(const Bitset& allowed) const;
    // All live slots in slot order.
    std::vector<Slot> live_slots() const;

    // Renumbers the documents of live slots by `remap`; dead slots forget their document
    // (kNoDoc). Slots, and so the FAISS index, stay as they are. Throws std::invalid_argument,
    // changing nothing, when `remap` drops a document with a live slot.
    void remap(const OrdinalRemap& remap);

    std::size_t memory_bytes() const;

    // Rebuilds a map from persisted state; throws std::invalid_argument when inconsistent.
    static SlotMap restore(std::vector<DocOrdinal> slot_to_doc, Bitset live);

private:
    std::vector<DocOrdinal> slot_to_doc_;
    std::vector<Slot> doc_to_slot_;
    Bitset live_;
    Bitset live_docs_;
    std::size_t live_count_ = 0;
};

}  // namespace braid::dense
