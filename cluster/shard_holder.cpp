#include "cluster/shard_holder.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/sharded_search_json.hpp"

namespace braid::cluster {

namespace {

namespace json = boost::json;

// Runs a local call; a local wait for min_sequence that timed out is a holder failure, so that
// another holder of the shard, further along, can answer.
template <typename Call>
auto locally(const std::string& name, Call&& call) {
    try {
        return call();
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::unavailable) throw HolderFailed(name + ": " + e.what());
        throw;
    }
}

// The error a holder answered with (4xx): passed on as the coordinator's own.
[[noreturn]] void rethrow_answer(const net::Response& response) {
    std::string type = "invalid_request", message = response.body, path;
    try {
        const auto body = json::parse(response.body);
        if (const auto* error = body.as_object().if_contains("error")) {
            const auto& e = error->as_object();
            if (const auto* t = e.if_contains("type"); t && t->is_string()) type = std::string(t->get_string());
            if (const auto* m = e.if_contains("message"); m && m->is_string()) message = std::string(m->get_string());
            if (const auto* p = e.if_contains("path"); p && p->is_string()) path = std::string(p->get_string());
        }
    } catch (const std::exception&) {
    }
    const ErrorKind kind = response.status == 404   ? ErrorKind::not_found
                           : response.status == 401 ? ErrorKind::unauthorized
                           : response.status == 403 ? ErrorKind::forbidden
                                                    : ErrorKind::invalid_argument;
    throw Error(kind, type, message, path);
}

std::string with_statistics(const ShardQuery& query, const lexical::CorpusStatistics& global) {
    return "{\"search\":" + query.json + ",\"statistics\":" + engine::statistics_text(global);
}

}  // namespace

lexical::CorpusStatistics LocalShardHolder::statistics(const ShardQuery& query) const {
    return locally(name_, [&] { return source_.shard_statistics(query.request); });
}

engine::ShardSides LocalShardHolder::sides(const ShardQuery& query, const lexical::CorpusStatistics& global) const {
    return locally(name_, [&] { return source_.shard_sides(query.request, global); });
}

std::vector<std::optional<engine::FetchedHit>> LocalShardHolder::fetch(const ShardQuery& query,
                                                                       const lexical::CorpusStatistics& global,
                                                                       const std::vector<std::string>& ids) const {
    return locally(name_, [&] { return source_.shard_fetch(query.request, global, ids); });
}

std::string HttpShardHolder::post(const std::string& route, const std::string& body) const {
    net::Request request;
    request.url = base_url_ + "/_cluster/" + route + "/" + collection_;
    request.body = body;
    if (!api_key_.empty()) request.headers.emplace_back("Authorization", "Bearer " + api_key_);
    net::Response response;
    try {
        response = client_.send(request);
    } catch (const net::NetError& e) {
        throw HolderFailed(e.what());
    }
    if (response.status >= 200 && response.status < 300) return std::move(response.body);
    if (response.status < 500) rethrow_answer(response);
    throw HolderFailed(base_url_ + " answered " + std::to_string(response.status) + ": " + response.body);
}

lexical::CorpusStatistics HttpShardHolder::statistics(const ShardQuery& query) const {
    return engine::statistics_from_json(json::parse(post("stats", "{\"search\":" + query.json + "}")), "statistics");
}

engine::ShardSides HttpShardHolder::sides(const ShardQuery& query, const lexical::CorpusStatistics& global) const {
    return engine::shard_sides_from_json(json::parse(post("search", with_statistics(query, global) + "}")));
}

std::vector<std::optional<engine::FetchedHit>> HttpShardHolder::fetch(const ShardQuery& query,
                                                                      const lexical::CorpusStatistics& global,
                                                                      const std::vector<std::string>& ids) const {
    std::string body = with_statistics(query, global) + ",\"ids\":[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) body += ',';
        append_json_string(body, ids[i]);
    }
    body += "]}";
    return engine::fetched_hits_from_json(json::parse(post("fetch", body)));
}

}  // namespace braid::cluster
