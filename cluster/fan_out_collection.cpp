#include "cluster/fan_out_collection.hpp"

#include "cluster/sharded_coordinator.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"

namespace braid::cluster {

namespace {

net::ClientOptions peer_client_options() {
    net::ClientOptions options;
    options.retry.max_retries = 0;  // the coordinator moves on to another holder instead
    return options;
}

// The body holders receive: the client's, with the coordinator's resolution (mode, the embedded
// query vector) so that every holder runs the same search.
std::string holder_json(boost::json::object body, const engine::SearchRequest& resolved) {
    const engine::SearchMode mode = *resolved.mode;
    body["mode"] = mode == engine::SearchMode::lexical ? "lexical" : mode == engine::SearchMode::dense ? "dense" : "hybrid";
    if (mode != engine::SearchMode::lexical && resolved.vector) {
        boost::json::array vector;
        vector.reserve(resolved.vector->size());
        for (const float x : *resolved.vector) vector.emplace_back(static_cast<double>(x));
        body["vector"] = std::move(vector);
    } else {
        body.erase("vector");
    }
    body.erase("allow_partial");
    return json_text(body);
}

}  // namespace

FanOutCollection::FanOutCollection(std::shared_ptr<ReplicatedCollection> replicated,
                                   std::shared_ptr<engine::LocalCollection> local, FanOutOptions options)
    : replicated_(std::move(replicated)), local_(std::move(local)), options_(std::move(options)),
      client_(peer_client_options()) {}

bool FanOutCollection::holds_every_shard() const {
    for (std::uint32_t shard = 0; shard < schema().shards; ++shard)
        if (!replicated_->holds(shard)) return false;
    return true;
}

void FanOutCollection::wait_for(const engine::SearchRequest& request) const {
    if (request.min_sequence && !replicated_->wait_applied(*request.min_sequence, options_.apply_wait))
        throw Error(ErrorKind::unavailable, "sequence_not_applied",
                    "collection \"" + schema().name + "\": node " + options_.node + " has not applied sequence " +
                        std::to_string(*request.min_sequence) + " within " + std::to_string(options_.apply_wait.count()) +
                        " ms");
}

std::optional<engine::SearchResponse> FanOutCollection::fan_out(const engine::SearchRequest& request,
                                                                const boost::json::object& body) const {
    if (holds_every_shard()) return std::nullopt;
    auto resolved = local_->resolve_shard_search(request);
    ShardedSearchCall call;
    call.collection = schema().name;
    call.shards = schema().shards;
    call.request_json = holder_json(body, resolved.request);
    call.request = std::move(resolved.request);
    call.plan = std::move(resolved.plan);
    call.allow_partial = request.allow_partial;
    HolderNode self{std::make_shared<LocalShardHolder>(options_.node, *this), {}};
    for (std::uint32_t shard = 0; shard < call.shards; ++shard)
        if (replicated_->holds(shard)) self.holds.push_back(shard);
    call.nodes.push_back(std::move(self));
    for (const auto& peer : options_.live_nodes()) {
        if (peer.node == options_.node) continue;
        const auto holds = peer.holds.find(call.collection);
        if (holds == peer.holds.end() || holds->second.empty()) continue;
        call.nodes.push_back(HolderNode{
            std::make_shared<HttpShardHolder>(client_, peer.advertise, call.collection, options_.api_key.value_or("")),
            holds->second});
    }
    auto response = sharded_search(call);
    response.degraded.insert(response.degraded.begin(), resolved.degraded.begin(), resolved.degraded.end());
    return response;
}

lexical::CorpusStatistics FanOutCollection::shard_statistics(const engine::SearchRequest& request) const {
    wait_for(request);
    return local_->shard_statistics(request);
}

engine::ShardSides FanOutCollection::shard_sides(const engine::SearchRequest& request,
                                                 const lexical::CorpusStatistics& global) const {
    wait_for(request);
    return local_->shard_sides(request, global);
}

std::vector<std::optional<engine::FetchedHit>> FanOutCollection::shard_fetch(const engine::SearchRequest& request,
                                                                             const lexical::CorpusStatistics& global,
                                                                             const std::vector<std::string>& ids) const {
    wait_for(request);
    return local_->shard_fetch(request, global, ids);
}

}  // namespace braid::cluster
