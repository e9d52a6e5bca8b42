#include <optional>

#include "engine/fan_out_search.hpp"
#include "http/handlers.hpp"
#include "http/json_body.hpp"
#include "http/responses.hpp"
#include "http/search_body.hpp"
#include "http/search_response_json.hpp"

namespace braid::http::handlers {

Response search(const engine::Catalog& catalog, const std::string& name, const Request& request,
                const SearchLimits& limits, const SearchStageMetrics* stage_metrics) {
    const auto collection = catalog.get(name);
    SearchBody body = parse_search_body(request.body);
    const engine::SearchRequest search_request = parse_search_request(body.json, limits, std::move(body.vector));
    // A cluster node fans a sharded collection's search out over the shards' holders (the body's
    // "vector" may be null here: the holders' request carries the resolved vector instead).
    std::optional<engine::SearchResponse> fanned_out;
    if (const auto* fan_out = dynamic_cast<const engine::FanOutSearch*>(collection.get()); fan_out && body.json.is_object())
        fanned_out = fan_out->fan_out(search_request, body.json.get_object());
    const engine::SearchResponse response = fanned_out ? std::move(*fanned_out) : collection->search(search_request);
    if (stage_metrics != nullptr) stage_metrics->record(response.stages);
    return json_text_response(200, search_response_text(response));  // took_ms: the engine's
}

}  // namespace braid::http::handlers
