#pragma once
// The log sequence a replicated write was given (cluster/), handed to the HTTP answer of the same
// request without widening Collection's interface: a write runs on the thread of its request from
// publishing to answering, so the collection notes it here and the handler reads it back.
#include <cstdint>
#include <optional>

namespace braid::engine {

// Starts a request's write: forgets any sequence an earlier request on this thread noted.
void clear_write_sequence();
// The collection, once its write is acknowledged (a bulk notes its last record's sequence).
void note_write_sequence(std::uint64_t sequence);
// What the last write of this thread noted since clear_write_sequence(); nullopt for a local journal.
std::optional<std::uint64_t> noted_write_sequence();

}  // namespace braid::engine
