#include "cluster/fan_out_collection.hpp"

#include "cluster/sharded_coordinator.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/collapse.hpp"

namespace braid::cluster {

namespace {

net::ClientOptions peer_client_options() {
    net::ClientOptions options;
    options.retry.max_retries = 0;  // the coordinator moves on to another holder instead
    return options;
}

// The body holders receive: the client's, with the coordinator's resolution (mode, the embedded
// query vector, the window a collapse asks for) so that every holder runs the same search, less
// what the coordinator does after the merge (collapse, highlight: it then needs whole documents).
std::string holder_json(boost::json::object body, const engine::SearchRequest& resolved) {
    if (body.contains("highlight") || body.contains("collapse")) {
        body.erase("include");
        body.erase("exclude");
    }
    body.erase("highlight");
    body.erase("collapse");
    body["k"] = resolved.k;
    body["offset"] = resolved.offset;
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
    const auto run = [&](engine::SearchRequest resolved_request, engine::SearchPlan plan) {
        call.request_json = holder_json(body, resolved_request);
        call.request = std::move(resolved_request);
        call.plan = std::move(plan);
        return sharded_search(call);
    };

    engine::SearchResponse response;
    if (!request.collapse) {
        response = run(resolved.request, resolved.plan);
    } else {
        // As collapsed_search does on one node: the merged list from offset 0, widened (x4) until
        // offset + k groups are found or the sides have no more hits.
        const std::size_t need = request.offset + request.k;
        for (std::size_t window = need;; window *= 4) {
            engine::SearchRequest widened = resolved.request;
            widened.offset = 0;
            widened.k = window;
            response = run(widened, local_->plan_shard_search(widened));
            const bool exhausted = response.hits.size() < window;
            response.hits = engine::collapse_hits(std::move(response.hits), *request.collapse);
            if (response.hits.size() >= need || exhausted) {
                const std::size_t begin = std::min(request.offset, response.hits.size());
                const std::size_t end = std::min(need, response.hits.size());
                response.hits = std::vector<engine::Hit>(
                    std::make_move_iterator(response.hits.begin() + static_cast<std::ptrdiff_t>(begin)),
                    std::make_move_iterator(response.hits.begin() + static_cast<std::ptrdiff_t>(end)));
                break;
            }
        }
    }
    local_->finish_fanned_out_hits(request, response.hits);
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
