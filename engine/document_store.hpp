#pragma once
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <map>
#include <vector>

#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "engine/document_codec.hpp"
#include "engine/stored_document.hpp"

namespace braid::engine {

// Stored documents by ordinal: the external id and the document's JSON text as it was sent minus
// its vector member (whose values live in the dense index), LZ4-compressed with a dictionary
// trained on the collection's first documents when that makes them smaller. Every upsert takes a
// new, larger ordinal (the lexical index needs increasing ordinals); the id maps to the live one.
// Dead ordinals are only given back by remap() (ordinal compaction, see CollectionState).
// Not synchronized: the collection's lock guards it (text() may run under a shared lock).
class DocumentStore {
public:
    // The ordinal the next add() will use.
    DocOrdinal next_ordinal() const { return next_; }

    // Makes later ordinals start at `next` at least (restoring a snapshot whose newest versions
    // were deleted).
    void advance_to(DocOrdinal next) { next_ = std::max(next_, next); }

    // Stores a new version of `id` at `ordinal` (>= next_ordinal()); returns the ordinal of the
    // version it replaces, or kNoDoc.
    // `vector_scale` is what the dense index's copy of the vector must be multiplied by to give
    // the vector as sent (its norm under cosine, which stores unit vectors; else 1).
    DocOrdinal add(DocOrdinal ordinal, std::string id, StrippedDocument document, float vector_scale = 1.0f);
    // Forgets the live version of `id`; returns its ordinal, or kNoDoc when absent.
    DocOrdinal remove(std::string_view id);

    DocOrdinal find(std::string_view id) const;  // kNoDoc when absent
    bool is_live(DocOrdinal ordinal) const { return live_.test(ordinal); }
    const std::string& id(DocOrdinal ordinal) const;
    // The stored text (without the vector member), decompressed.
    std::string text(DocOrdinal ordinal) const;
    // Appends the same text to `out`: decoded in place, without a string of its own.
    void append_text(DocOrdinal ordinal, std::string& out) const;
    VectorSlot vector_slot(DocOrdinal ordinal) const { return entries_.at(ordinal).slot; }
    float vector_scale(DocOrdinal ordinal) const { return entries_.at(ordinal).vector_scale; }

    std::size_t size() const { return by_id_.size(); }  // live documents
    const Bitset& live() const { return live_; }
    std::size_t memory_bytes() const;
    std::size_t text_bytes() const { return text_bytes_; }      // live texts, uncompressed
    std::size_t packed_bytes() const { return packed_bytes_; }  // live texts as held
    bool has_dictionary() const { return codec_.has_dictionary(); }

    // Live documents at which a compression dictionary is trained (again) on every live text.
    static constexpr std::size_t kTrainAt[] = {1024, 16384};

    // Renumbers the live documents by `remap` (built from live() and next_ordinal(), keeping every
    // live ordinal) and forgets the dead ones; next_ordinal() becomes remap.new_end().
    void remap(const OrdinalRemap& remap);

    // The live ordinals of the first `limit` ids above `after` (all ids when nullopt), in id order
    // (bytewise): a listing that stays consistent across writes when it resumes after its last id.
    std::vector<DocOrdinal> ordinals_after(const std::optional<std::string_view>& after, std::size_t limit) const;

    // Calls fn(ordinal, id) for every live document in ordinal order.
    template <typename Fn>
    void for_each_live(Fn&& fn) const {
        for (DocOrdinal o = 0; o < next_; ++o)
            if (live_.test(o)) fn(o, entries_[o].id);
    }

private:
    struct Entry {
        std::string id;
        std::string packed;  // emptied when the version dies
        std::uint32_t text_size = 0;
        float vector_scale = 1.0f;
        VectorSlot slot;
        DocumentCodec::Packing packing = DocumentCodec::Packing::raw;
    };

    void forget_text(Entry& entry);
    void maybe_train();

    std::vector<Entry> entries_;  // index = ordinal
    std::map<std::string, DocOrdinal, std::less<>> by_id_;  // ordered: documents are listed by id
    Bitset live_;
    DocOrdinal next_ = 0;
    std::size_t text_bytes_ = 0;
    std::size_t packed_bytes_ = 0;
    std::size_t trainings_ = 0;  // entries of kTrainAt passed
    DocumentCodec codec_;
};

}  // namespace braid::engine
