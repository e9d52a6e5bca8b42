#pragma once
// The coordinator of a sharded search: picks live nodes whose held shards partition the
// collection's shards (this node first, for the shards it holds), sums the lexical statistics they
// report, gathers each side's candidates scored with them, merges and fuses
// (engine/sharded_search.hpp), then fetches the page's documents from their holders. The nodes are
// asked in parallel, each phase waiting for all. A node that cannot answer (cluster/shard_holder.hpp)
// is left out and the search starts over with another partition; a shard with no live holder left
// is Error(unavailable, "shard_unavailable") naming it, or, with allow_partial, left out and named
// in the answer's `degraded`.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cluster/shard_holder.hpp"
#include "engine/search_plan.hpp"
#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::cluster {

// A node that holds shards of the collection; it answers for all of them at once (its documents).
struct HolderNode {
    std::shared_ptr<const ShardHolder> holder;
    std::vector<std::uint32_t> holds;
};

struct ShardedSearchCall {
    std::string collection;
    std::uint32_t shards = 1;
    // The search as the coordinator resolved it (mode set, vector given when the dense side runs),
    // parsed and as JSON text, and its plan (engine::shard_plan) for the merge.
    engine::SearchRequest request;
    std::string request_json;
    engine::SearchPlan plan;
    // The nodes holding shards of the collection, in the order to prefer them.
    std::vector<HolderNode> nodes;
    bool allow_partial = false;
};

engine::SearchResponse sharded_search(const ShardedSearchCall& call);

// Nodes (indices into `nodes`, among those `alive`) whose holds are disjoint and together cover
// shards [0, shards), preferring earlier nodes; empty when there is no such set.
std::vector<std::size_t> partition_of(const std::vector<HolderNode>& nodes, const std::vector<bool>& alive,
                                      std::uint32_t shards);

}  // namespace braid::cluster
