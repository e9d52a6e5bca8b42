#include "http/cluster_handlers.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "engine/shard_source.hpp"
#include "engine/sharded_search_json.hpp"
#include "http/json_body.hpp"
#include "http/responses.hpp"

namespace braid::http::handlers {

namespace {

namespace json = boost::json;

struct ShardCall {
    std::shared_ptr<engine::Collection> owner;
    const engine::ShardSource* collection = nullptr;
    engine::SearchRequest search;
    json::value body;
};

ShardCall read_call(const engine::Catalog& catalog, const std::string& name, const Request& request,
                    const SearchLimits& limits) {
    ShardCall call;
    call.owner = catalog.get(name);
    call.collection = dynamic_cast<const engine::ShardSource*>(call.owner.get());
    if (call.collection == nullptr)
        throw Error(ErrorKind::internal, "internal", "collection \"" + name + "\" cannot serve as a shard");
    call.body = parse_json_body(request.body);
    if (!call.body.is_object()) throw Error(ErrorKind::invalid_argument, "invalid_request", "the body must be an object", "");
    const json::value* search = call.body.get_object().if_contains("search");
    if (search == nullptr) throw Error(ErrorKind::invalid_argument, "invalid_request", "search: is missing", "search");
    call.search = parse_search_request(*search, limits);
    return call;
}

lexical::CorpusStatistics statistics_of(const ShardCall& call) {
    const json::value* statistics = call.body.get_object().if_contains("statistics");
    if (statistics == nullptr)
        throw Error(ErrorKind::invalid_argument, "invalid_request", "statistics: is missing", "statistics");
    return engine::statistics_from_json(*statistics, "statistics");
}

}  // namespace

Response cluster_stats(const engine::Catalog& catalog, const std::string& name, const Request& request,
                       const SearchLimits& limits) {
    const ShardCall call = read_call(catalog, name, request, limits);
    return json_text_response(200, engine::statistics_text(call.collection->shard_statistics(call.search)));
}

Response cluster_search(const engine::Catalog& catalog, const std::string& name, const Request& request,
                        const SearchLimits& limits) {
    const ShardCall call = read_call(catalog, name, request, limits);
    const auto global = statistics_of(call);
    return json_text_response(200, engine::shard_sides_text(call.collection->shard_sides(call.search, global)));
}

Response cluster_fetch(const engine::Catalog& catalog, const std::string& name, const Request& request,
                       const SearchLimits& limits) {
    const ShardCall call = read_call(catalog, name, request, limits);
    const auto global = statistics_of(call);
    std::vector<std::string> ids;
    const json::value* list = call.body.get_object().if_contains("ids");
    if (list == nullptr || !list->is_array())
        throw Error(ErrorKind::invalid_argument, "invalid_request", "ids: must be an array of ids", "ids");
    for (const auto& id : list->get_array()) {
        if (!id.is_string()) throw Error(ErrorKind::invalid_argument, "invalid_request", "ids: must be an array of ids", "ids");
        ids.emplace_back(id.get_string());
    }
    return json_text_response(200, engine::fetched_hits_text(call.collection->shard_fetch(call.search, global, ids)));
}

}  // namespace braid::http::handlers
