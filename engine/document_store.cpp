#include "engine/document_store.hpp"

#include "core/error.hpp"

namespace braid::engine {

DocOrdinal DocumentStore::add(DocOrdinal ordinal, std::string id, std::string json) {
    if (ordinal < next_ || ordinal == kNoDoc)
        throw Error(ErrorKind::internal, "internal", "document ordinals must increase");
    const DocOrdinal replaced = remove(id);
    if (entries_.size() <= ordinal) entries_.resize(static_cast<std::size_t>(ordinal) + 1);
    json_bytes_ += json.size();
    entries_[ordinal] = Entry{id, std::move(json)};
    by_id_.insert_or_assign(std::move(id), ordinal);
    live_.set(ordinal);
    next_ = ordinal + 1;
    return replaced;
}

DocOrdinal DocumentStore::remove(std::string_view id) {
    const auto it = by_id_.find(id);
    if (it == by_id_.end()) return kNoDoc;
    const DocOrdinal ordinal = it->second;
    by_id_.erase(it);
    live_.reset(ordinal);
    Entry& entry = entries_[ordinal];
    json_bytes_ -= entry.json.size();
    std::string().swap(entry.json);
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

const std::string& DocumentStore::json(DocOrdinal ordinal) const { return entries_.at(ordinal).json; }

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
    std::size_t bytes = entries_.capacity() * sizeof(Entry) + json_bytes_ + live_.memory_bytes();
    bytes += by_id_.size() * (sizeof(std::pair<const std::string, DocOrdinal>) + 4 * sizeof(void*));  // tree node
    return bytes;
}

}  // namespace braid::engine
