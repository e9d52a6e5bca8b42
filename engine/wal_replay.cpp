#include "engine/wal_replay.hpp"

#include <iostream>

#include "core/error.hpp"
#include "engine/schema.hpp"
#include "engine/wal_records.hpp"

namespace braid::engine {

LocalCollection& WalReplayer::collection(const std::string& name) const {
    const auto it = collections_.find(name);
    if (it == collections_.end())
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + name + "\" does not exist");
    return *it->second;
}

void WalReplayer::apply_pending() {
    if (!pending_) return;
    PendingBatch batch = std::move(*pending_);
    pending_.reset();
    try {
        batch.target->apply_replayed(batch.analyzed.get());
    } catch (const std::exception& e) {
        std::cerr << "braid: write-ahead log record " << batch.sequence << " skipped: " << e.what() << "\n";
    }
}

void WalReplayer::apply(std::uint64_t sequence, std::string_view payload) {
    try {
        const WalRecord record = decode_record(payload);
        const std::string op(record.header.at("op").as_string());
        const std::string name(record.header.at("c").as_string());
        if (op == "bulk") {
            // The record's texts are views into `payload`, which lives only for this call.
            auto texts = std::make_shared<std::vector<std::string>>();
            texts->reserve(record.documents.size());
            auto documents = std::make_shared<std::vector<std::pair<std::string, std::string_view>>>();
            documents->reserve(record.documents.size());
            for (const auto& [id, text] : record.documents) texts->emplace_back(text);
            for (std::size_t i = 0; i < texts->size(); ++i) documents->emplace_back(record.documents[i].first, (*texts)[i]);
            const auto it = collections_.find(name);
            if (it == collections_.end())
                throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + name + "\" does not exist");
            std::shared_ptr<LocalCollection> target = it->second;
            auto analyzed = std::async(std::launch::async, [target, texts, documents] { return target->analyze_logged(*documents); });
            apply_pending();  // the previous bulk, applied while this one is analyzed
            pending_ = PendingBatch{sequence, std::move(target), std::move(analyzed)};
            return;
        }
        apply_pending();
        if (op == "upsert") {
            LocalCollection& target = collection(name);
            for (const auto& [id, text] : record.documents) target.replay_upsert(id, text);
        } else if (op == "delete") {
            collection(name).replay_remove(std::string(record.header.at("id").as_string()));
        } else if (op == "create") {
            if (collections_.contains(name)) return;
            auto schema = config::parse_collection(record.header.at("schema"), "schema", name);
            check_schema(schema, registry_);
            collections_[name] = std::make_shared<LocalCollection>(std::move(schema), registry_);
        } else if (op == "drop") {
            collections_.erase(name);
        } else {
            throw Error(ErrorKind::io, "corrupt_log", "unknown operation \"" + op + "\"");
        }
    } catch (const std::exception& e) {
        std::cerr << "braid: write-ahead log record " << sequence << " skipped: " << e.what() << "\n";
    }
}

void WalReplayer::finish() {
    apply_pending();
    for (const auto& [name, collection] : collections_) collection->finish_replay();
}

}  // namespace braid::engine
