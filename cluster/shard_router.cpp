#include "cluster/shard_router.hpp"

#include "core/error.hpp"
#include "core/stable_hash.hpp"

namespace braid::cluster {

ShardRouter::ShardRouter(std::uint32_t shards) : shards_(shards) {
    if (shards_ == 0) throw Error(ErrorKind::invalid_argument, "invalid_shards", "shards: a collection has at least 1 shard", "shards");
}

std::uint32_t ShardRouter::shard_of(std::string_view document_id) const {
    return static_cast<std::uint32_t>(stable_id_hash(document_id) % shards_);
}

}  // namespace braid::cluster
