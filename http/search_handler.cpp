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
    const engine::SearchResponse response = collection->search(search_request);
    if (stage_metrics != nullptr) stage_metrics->record(response.stages);
    return json_text_response(200, search_response_text(response));  // took_ms: the engine's
}

}  // namespace braid::http::handlers
