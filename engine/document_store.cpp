#include "engine/document_store.hpp"

#include <algorithm>
#include <iterator>

#include "core/error.hpp"

namespace braid::engine {

namespace {

// A dictionary is kept only when it packs the texts it was trained on this much smaller.
constexpr double kDictionaryMustSave = 0.05;

}  // namespace

DocOrdinal DocumentStore::add(DocOrdinal ordinal, std::string id, StrippedDocument document, float vector_scale) {
    if (ordinal < next_ || ordinal == kNoDoc)
        throw Error(ErrorKind::internal, "internal", "document ordinals must increase");
    const DocOrdinal replaced = remove(id);
    if (entries_.size() <= ordinal) entries_.resize(static_cast<std::size_t>(ordinal) + 1);
    DocumentCodec::Packed packed = codec_.compress(document.text);
    Entry& entry = entries_[ordinal];
    entry.id = id;
    entry.text_size = static_cast<std::uint32_t>(document.text.size());
    entry.packed = std::move(packed.bytes);
    entry.packing = packed.packing;
    entry.slot = document.slot;
    entry.vector_scale = vector_scale;
    text_bytes_ += entry.text_size;
    packed_bytes_ += entry.packed.size();
    by_id_.insert_or_assign(std::move(id), ordinal);
    live_.set(ordinal);
    next_ = ordinal + 1;
    maybe_train();
    return replaced;
}

void DocumentStore::forget_text(Entry& entry) {
    text_bytes_ -= entry.text_size;
    packed_bytes_ -= entry.packed.size();
    std::string().swap(entry.packed);
    entry.text_size = 0;
}

void DocumentStore::maybe_train() {
    if (trainings_ >= std::size(kTrainAt) || by_id_.size() < kTrainAt[trainings_]) return;
    ++trainings_;
    std::vector<std::string> texts;
    std::vector<DocOrdinal> ordinals;
    texts.reserve(by_id_.size());
    for_each_live([&](DocOrdinal o, const std::string&) {
        texts.push_back(text(o));
        ordinals.push_back(o);
    });
    const std::vector<std::string_view> samples(texts.begin(), texts.end());
    std::size_t total = 0;
    for (const auto& t : texts) total += t.size();
    // LZ4 looks 64 KB back: a dictionary filling that window packs SciFact 14% smaller than one of
    // 16 KB (zstd's advice, 1/100 of the samples, gives 16 KB at the first training). 72 KB leaves
    // room for zstd's entropy tables, which LZ4 does not use.
    DocumentCodec candidate;
    if (!candidate.train(samples, std::clamp<std::size_t>(total / 16, 16 << 10, 72 << 10))) return;
    std::vector<DocumentCodec::Packed> repacked;
    repacked.reserve(texts.size());
    std::size_t before = 0, after = candidate.dictionary_bytes();
    for (std::size_t i = 0; i < texts.size(); ++i) {
        before += entries_[ordinals[i]].packed.size();
        repacked.push_back(candidate.compress(texts[i]));
        after += repacked.back().bytes.size();
    }
    if (static_cast<double>(after) > static_cast<double>(before) * (1 - kDictionaryMustSave)) return;
    codec_ = std::move(candidate);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        Entry& entry = entries_[ordinals[i]];
        packed_bytes_ -= entry.packed.size();
        entry.packed = std::move(repacked[i].bytes);
        entry.packing = repacked[i].packing;
        packed_bytes_ += entry.packed.size();
    }
}

std::string DocumentStore::text(DocOrdinal ordinal) const {
    const Entry& entry = entries_.at(ordinal);
    return codec_.decompress(entry.packed, entry.packing, entry.text_size);
}

void DocumentStore::append_text(DocOrdinal ordinal, std::string& out) const {
    const Entry& entry = entries_.at(ordinal);
    const std::size_t at = out.size();
    out.resize(at + entry.text_size);
    codec_.decompress_to(entry.packed, entry.packing, out.data() + at, entry.text_size);
}

DocOrdinal DocumentStore::remove(std::string_view id) {
    const auto it = by_id_.find(id);
    if (it == by_id_.end()) return kNoDoc;
    const DocOrdinal ordinal = it->second;
    by_id_.erase(it);
    live_.reset(ordinal);
    forget_text(entries_[ordinal]);
    return ordinal;
}

DocOrdinal DocumentStore::find(std::string_view id) const {
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? kNoDoc : it->second;
}

std::vector<DocOrdinal> DocumentStore::ordinals_after(const std::optional<std::string_view>& after,
                                                      std::size_t limit) const {
    std::vector<DocOrdinal> out;
    auto it = after ? by_id_.upper_bound(*after) : by_id_.begin();
    for (; it != by_id_.end() && out.size() < limit; ++it) out.push_back(it->second);
    return out;
}

const std::string& DocumentStore::id(DocOrdinal ordinal) const { return entries_.at(ordinal).id; }

void DocumentStore::remap(const OrdinalRemap& remap) {
    if (remap.old_end() < next_ || remap.new_end() > kNoDoc)
        throw Error(ErrorKind::internal, "internal", "an ordinal remap must cover every stored ordinal");
    for (const auto& [id, ordinal] : by_id_)
        if (!remap.keeps(ordinal))
            throw Error(ErrorKind::internal, "internal", "an ordinal remap drops the live document \"" + id + "\"");
    std::vector<Entry> entries(remap.new_end());
    for (auto& [id, ordinal] : by_id_) {
        const DocOrdinal moved = remap(ordinal);
        entries[moved] = std::move(entries_[ordinal]);
        ordinal = moved;
    }
    entries_ = std::move(entries);
    live_ = remap.apply(live_);
    next_ = static_cast<DocOrdinal>(remap.new_end());
}

std::size_t DocumentStore::memory_bytes() const {
    std::size_t bytes = entries_.capacity() * sizeof(Entry) + packed_bytes_ + live_.memory_bytes() +
                        codec_.dictionary_memory_bytes();
    bytes += by_id_.size() * (sizeof(std::pair<const std::string, DocOrdinal>) + 4 * sizeof(void*));  // tree node
    return bytes;
}

}  // namespace braid::engine
