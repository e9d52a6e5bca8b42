#pragma once
// What a replicated write carries in its collection's stream: one upsert, one delete, or a batch
// of documents of one shard as NDJSON (a bulk). The document bytes are the client's, with any
// vector the writing node computed, so that every follower applies exactly the same thing.
//   upsert: 'U' <id length> ':' <id> <document JSON>
//   delete: 'D' <id length> ':' <id>
//   bulk:   'B' <NDJSON, one document per line>
#include <string>
#include <string_view>

namespace braid::cluster {

enum class RecordKind { upsert, remove, bulk };

struct ReplicationRecord {
    RecordKind kind = RecordKind::upsert;
    std::string id;    // upsert, remove
    std::string body;  // upsert: the document; bulk: NDJSON
};

std::string encode_record(const ReplicationRecord& record);
// Throws braid::Error(internal, "corrupt_record") for bytes encode_record did not write.
ReplicationRecord decode_record(std::string_view bytes);

}  // namespace braid::cluster
