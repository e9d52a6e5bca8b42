#pragma once
// A collection whose searches may be answered by fanning out over the nodes holding its shards
// (cluster/fan_out_collection.hpp). The search route hands it the request together with the JSON
// it was read from, which travels to the other holders with the coordinator's resolution added.
#include <optional>

#include <boost/json/object.hpp>

#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::engine {

class FanOutSearch {
public:
    virtual ~FanOutSearch() = default;

    // The fanned-out answer; nullopt when this node answers by itself (it holds every shard).
    virtual std::optional<SearchResponse> fan_out(const SearchRequest& request, const boost::json::object& body) const = 0;
};

}  // namespace braid::engine
