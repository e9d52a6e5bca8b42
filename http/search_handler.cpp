#include <chrono>

#include "http/handlers.hpp"
#include "http/json_body.hpp"
#include "http/responses.hpp"
#include "http/search_response_json.hpp"

namespace braid::http::handlers {

Response search(const engine::Catalog& catalog, const std::string& name, const Request& request,
                const SearchLimits& limits) {
    const auto started = std::chrono::steady_clock::now();
    const auto collection = catalog.get(name);
    const engine::SearchRequest search_request =
        parse_search_request(parse_json_body(request.body), limits);
    engine::SearchResponse response = collection->search(search_request);
    if (response.took_ms <= 0) {
        response.took_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    }
    return json_response(200, to_json(response, search_request.explain));
}

}  // namespace braid::http::handlers
