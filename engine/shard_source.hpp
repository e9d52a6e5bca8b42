#pragma once
// What a node answers, for the documents it holds, in a sharded search's three calls
// (engine/sharded_search.hpp): LocalCollection, and a cluster node's replicated collection, which
// first waits for the request's min_sequence. `request` is resolved by the coordinator (mode set,
// vector given when the dense side runs); `global` is the statistics summed over the shards.
#include <optional>
#include <string>
#include <vector>

#include "engine/search_request.hpp"
#include "engine/sharded_search.hpp"
#include "lexical/corpus_statistics.hpp"

namespace braid::engine {

class ShardSource {
public:
    virtual ~ShardSource() = default;

    virtual lexical::CorpusStatistics shard_statistics(const SearchRequest& request) const = 0;
    virtual ShardSides shard_sides(const SearchRequest& request, const lexical::CorpusStatistics& global) const = 0;
    virtual std::vector<std::optional<FetchedHit>> shard_fetch(const SearchRequest& request,
                                                               const lexical::CorpusStatistics& global,
                                                               const std::vector<std::string>& ids) const = 0;
};

// A search as the coordinator of a fan-out resolved it on its own node: the mode set and the query
// embedded when the dense side runs (as run_search would), the plan the merge follows, and what
// was left out on the way (an embedder that failed under on_embedder_error "lexical").
struct ResolvedShardSearch {
    SearchRequest request;
    SearchPlan plan;
    std::vector<std::string> degraded;
};

}  // namespace braid::engine
