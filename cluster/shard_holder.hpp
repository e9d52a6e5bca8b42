#pragma once
// One node as the coordinator of a sharded search asks it (cluster/sharded_coordinator.hpp): this
// node in-process (LocalShardHolder, no HTTP), or a peer over POST /_cluster/{stats,search,fetch}
// (HttpShardHolder, http/cluster_handlers.hpp). A node answers for every document it holds.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/search_request.hpp"
#include "engine/shard_source.hpp"
#include "engine/sharded_search.hpp"
#include "net/http_client.hpp"

namespace braid::cluster {

// A search as the holders receive it: parsed (in-process) and as JSON (over HTTP).
struct ShardQuery {
    const engine::SearchRequest& request;
    const std::string& json;
};

// The holder could not answer (unreachable, 5xx, or it timed out waiting for min_sequence): the
// coordinator asks another node. Any other error (a 4xx, as braid::Error) is the search's own.
class HolderFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ShardHolder {
public:
    virtual ~ShardHolder() = default;
    virtual const std::string& name() const = 0;
    virtual lexical::CorpusStatistics statistics(const ShardQuery& query) const = 0;
    virtual engine::ShardSides sides(const ShardQuery& query, const lexical::CorpusStatistics& global) const = 0;
    virtual std::vector<std::optional<engine::FetchedHit>> fetch(const ShardQuery& query, const lexical::CorpusStatistics& global,
                                                                 const std::vector<std::string>& ids) const = 0;
};

class LocalShardHolder final : public ShardHolder {
public:
    // `source` must outlive the holder.
    LocalShardHolder(std::string name, const engine::ShardSource& source) : name_(std::move(name)), source_(source) {}
    const std::string& name() const override { return name_; }
    lexical::CorpusStatistics statistics(const ShardQuery& query) const override;
    engine::ShardSides sides(const ShardQuery& query, const lexical::CorpusStatistics& global) const override;
    std::vector<std::optional<engine::FetchedHit>> fetch(const ShardQuery& query, const lexical::CorpusStatistics& global,
                                                         const std::vector<std::string>& ids) const override;

private:
    std::string name_;
    const engine::ShardSource& source_;
};

class HttpShardHolder final : public ShardHolder {
public:
    // `base_url`: http://host:port; `api_key`: sent as a Bearer token (empty: none). `client`
    // must outlive the holder.
    HttpShardHolder(net::HttpClient& client, std::string base_url, std::string collection, std::string api_key)
        : client_(client), base_url_(std::move(base_url)), collection_(std::move(collection)), api_key_(std::move(api_key)) {}
    const std::string& name() const override { return base_url_; }
    lexical::CorpusStatistics statistics(const ShardQuery& query) const override;
    engine::ShardSides sides(const ShardQuery& query, const lexical::CorpusStatistics& global) const override;
    std::vector<std::optional<engine::FetchedHit>> fetch(const ShardQuery& query, const lexical::CorpusStatistics& global,
                                                         const std::vector<std::string>& ids) const override;

private:
    std::string post(const std::string& route, const std::string& body) const;

    net::HttpClient& client_;
    std::string base_url_, collection_, api_key_;
};

}  // namespace braid::cluster
