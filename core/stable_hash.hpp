#pragma once
// Hashes whose values are part of braid's persistent contract (a document's shard is derived from
// its id, and every node of a cluster, every release, must agree). Never std::hash: its values
// differ between standard libraries and may change between releases.
#include <cstdint>
#include <string_view>

namespace braid {

// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the bytes as given.
std::uint64_t fnv1a_64(std::string_view bytes);

// MurmurHash3's 64-bit finalizer (fmix64): spreads every input bit over the low bits, which plain
// FNV-1a does poorly for ids that differ only in their last characters ("doc-1", "doc-2").
std::uint64_t mix_64(std::uint64_t value);

// The stable hash of a document id: mix_64(fnv1a_64(id)) over the id's UTF-8 bytes.
inline std::uint64_t stable_id_hash(std::string_view id) { return mix_64(fnv1a_64(id)); }

}  // namespace braid
