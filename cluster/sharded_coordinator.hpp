#pragma once
// The coordinator of a sharded search: fans out to one live holder per shard over HTTP
// (http/cluster_handlers.hpp), sums the lexical statistics, gathers each side's candidates
// scored with them, merges and fuses (engine/sharded_search.hpp), then fetches the page's
// documents from their holders. A holder that cannot be reached or answers 5xx is replaced by the
// shard's next one; a shard with none left is Error(unavailable, "shard_unavailable") naming it,
// or, with allow_partial, left out and named in the answer's `degraded`.
#include <string>
#include <vector>

#include "engine/search_plan.hpp"
#include "engine/search_response.hpp"
#include "net/http_client.hpp"

namespace braid::cluster {

struct ShardedSearchCall {
    std::string collection;
    // The search as the coordinator resolved it (mode set, vector given when the dense side runs),
    // as JSON text, and its plan (engine::shard_plan) for the merge.
    std::string request_json;
    engine::SearchPlan plan;
    // Per shard, the base URLs (http://host:port) of its live holders, in the order to try them.
    std::vector<std::vector<std::string>> holders;
    bool allow_partial = false;
};

class ShardedCoordinator {
public:
    // `api_key`: sent as a Bearer token to the holders (empty: none).
    ShardedCoordinator(net::HttpClient& client, std::string api_key);

    engine::SearchResponse search(const ShardedSearchCall& call) const;

private:
    net::HttpClient& client_;
    std::string api_key_;
};

}  // namespace braid::cluster
