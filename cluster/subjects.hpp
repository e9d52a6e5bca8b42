#pragma once
// Where a collection lives in NATS. A collection name may hold '.', which separates subject
// tokens and is not allowed in stream names, so it is written '~' (which no braid name holds):
//   stream  braid_<token>          e.g. "braid_scifact", "braid_docs~v2" for "docs.v2"
//   subject braid.<token>.<shard>  one per shard, e.g. "braid.scifact.0"
//   subject braid.<token>.trim.<shard or "all">  the last trim of a shard (or of every shard):
//           its payload is the sequence trimmed through. Four tokens, so "braid.<token>.*" (what
//           a follower of every shard reads) does not match it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace braid::cluster {

// The collection name as one subject token. Throws braid::Error(invalid_argument) for a name
// braid would not accept (config::is_safe_name).
std::string collection_token(std::string_view collection);
std::string stream_name(std::string_view collection);
std::string shard_subject(std::string_view collection, std::uint32_t shard);
// "braid.<token>.*": every shard of the collection.
std::string collection_subjects(std::string_view collection);
// Where trims of one shard (or, without a shard, of the whole stream) are recorded.
std::string trim_subject(std::string_view collection, std::optional<std::uint32_t> shard);
// "braid.<token>.trim.*": every trim record.
std::string trim_subjects(std::string_view collection);
// The shard of a subject made by shard_subject; nullopt for any other subject.
std::optional<std::uint32_t> shard_of_subject(std::string_view subject);

}  // namespace braid::cluster
