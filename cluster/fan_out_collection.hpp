#pragma once
// A cluster node's collection as the API sees it: the replicated collection for writes and reads,
// and for searches of a sharded collection this node holds only some shards of, the fan-out over
// one live holder per shard (cluster/sharded_coordinator.hpp), holders taken from the node
// registry, this node answering in-process for the shards it holds. It also answers the shard
// calls peers send it (engine::ShardSource), after waiting for their min_sequence.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cluster/node_registry.hpp"
#include "cluster/replicated_collection.hpp"
#include "engine/fan_out_search.hpp"
#include "engine/local_collection.hpp"
#include "engine/shard_source.hpp"
#include "net/http_client.hpp"

namespace braid::cluster {

struct FanOutOptions {
    std::string node;                                  // this node's name in the registry
    std::function<std::vector<NodeInfo>()> live_nodes;  // the registry's live entries
    std::optional<std::string> api_key;                // sent to peers
    std::chrono::milliseconds apply_wait{5000};        // how long a shard call waits for min_sequence
};

class FanOutCollection final : public engine::Collection, public engine::ShardSource, public engine::FanOutSearch {
public:
    FanOutCollection(std::shared_ptr<ReplicatedCollection> replicated, std::shared_ptr<engine::LocalCollection> local,
                     FanOutOptions options);

    const config::CollectionConfig& schema() const override { return replicated_->schema(); }
    engine::CollectionStats stats() const override { return replicated_->stats(); }
    engine::UpsertOutcome upsert(const std::string& id, boost::json::object document) override {
        return replicated_->upsert(id, std::move(document));
    }
    engine::UpsertOutcome upsert_text(const std::string& id, std::string_view json_text) override {
        return replicated_->upsert_text(id, json_text);
    }
    std::optional<std::string> get_text(const std::string& id) const override { return replicated_->get_text(id); }
    bool remove(const std::string& id) override { return replicated_->remove(id); }
    engine::DocumentPage list_documents(const std::optional<std::string>& after, std::size_t limit) const override {
        return replicated_->list_documents(after, limit);
    }
    engine::BulkResult bulk(std::string_view ndjson) override { return replicated_->bulk(ndjson); }
    // Without the request's JSON (not through the API): this node's own answer.
    engine::SearchResponse search(const engine::SearchRequest& request) const override { return replicated_->search(request); }

    std::optional<engine::SearchResponse> fan_out(const engine::SearchRequest& request,
                                                  const boost::json::object& body) const override;

    lexical::CorpusStatistics shard_statistics(const engine::SearchRequest& request) const override;
    engine::ShardSides shard_sides(const engine::SearchRequest& request, const lexical::CorpusStatistics& global) const override;
    std::vector<std::optional<engine::FetchedHit>> shard_fetch(const engine::SearchRequest& request,
                                                               const lexical::CorpusStatistics& global,
                                                               const std::vector<std::string>& ids) const override;

    const std::shared_ptr<ReplicatedCollection>& replicated() const { return replicated_; }

private:
    bool holds_every_shard() const;
    void wait_for(const engine::SearchRequest& request) const;

    const std::shared_ptr<ReplicatedCollection> replicated_;
    const std::shared_ptr<engine::LocalCollection> local_;
    const FanOutOptions options_;
    mutable net::HttpClient client_;
};

}  // namespace braid::cluster
