#pragma once
#include <cstdint>
#include <string_view>

namespace braid::cluster {

// Which shard a document belongs to: braid::stable_id_hash(id) % shards (core/stable_hash.hpp:
// FNV-1a 64 over the id's UTF-8 bytes, then MurmurHash3's fmix64). Part of the on-disk and
// on-wire contract: changing it moves documents between shards of existing collections.
class ShardRouter {
public:
    // Throws braid::Error(invalid_argument) when shards is 0.
    explicit ShardRouter(std::uint32_t shards);
    std::uint32_t shard_of(std::string_view document_id) const;
    std::uint32_t shards() const { return shards_; }

private:
    std::uint32_t shards_;
};

}  // namespace braid::cluster
