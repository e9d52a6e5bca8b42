#pragma once
// The internal calls of a sharded search (engine/sharded_search.hpp), answered by a node for the
// shards it holds: POST /_cluster/stats/{name}, /_cluster/search/{name}, /_cluster/fetch/{name}.
// Body: {"search": <a search request as resolved by the coordinator: mode set, vector given when
// the dense side runs>, "statistics": <summed statistics> (search, fetch), "ids": [...] (fetch)}.
// Same API key rules as a search of the collection.
#include <string>

#include "engine/catalog.hpp"
#include "http/message.hpp"
#include "http/search_request_json.hpp"

namespace braid::http::handlers {

Response cluster_stats(const engine::Catalog& catalog, const std::string& name, const Request& request,
                       const SearchLimits& limits);
Response cluster_search(const engine::Catalog& catalog, const std::string& name, const Request& request,
                        const SearchLimits& limits);
Response cluster_fetch(const engine::Catalog& catalog, const std::string& name, const Request& request,
                       const SearchLimits& limits);

}  // namespace braid::http::handlers
