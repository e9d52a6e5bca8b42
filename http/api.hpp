#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.hpp"
#include "http/cors.hpp"
#include "http/message.hpp"
#include "http/request_metrics.hpp"
#include "http/search_metrics.hpp"
#include "http/router.hpp"
#include "http/search_request_json.hpp"

namespace braid::http {

struct ApiOptions {
    std::optional<std::string> api_key;  // when set, every route but GET /health and GET / needs it
    SearchLimits limits;
    // When set, every answer is counted in it and GET /metrics renders it (behind the API key).
    metrics::Registry* metrics = nullptr;
    // server.cors_origins: exact origins or "*"; empty: no CORS.
    std::vector<std::string> cors_origins = {};
};

// True for the requests that may take long (searches: POST /collections/{name}/search), which
// take a place in the server's search pool (ServerOptions::offload); not a fanned-out search's
// shard calls (POST /_cluster/...), which its coordinator waits for while it holds a place.
bool runs_on_workers(const Request& request);

// The REST API of DESIGN.md over a Catalog: authentication, the route table, media types, and
// the mapping of every error to a status and a JSON body. Thread-safe (the Catalog is).
class Api {
public:
    Api(engine::Catalog& catalog, ApiOptions options);

    // Never throws: every failure becomes an error response.
    Response handle(const Request& request) const;

private:
    // What was matched, for the metrics and the access log, even when the handler throws.
    struct Matched {
        std::string_view route = "unmatched";   // the route's pattern
        std::string collection;                  // the {name} of /collections/{name}/...
    };
    Response dispatch(const Request& request, Matched& matched) const;
    Response answer(const Request& request, Matched& matched) const;
    // Who calls (the admin, or a created key), or an error response for a missing, wrong or
    // expired key (401) and a key that may not take `action` on `collection` (403).
    Caller authenticate(const Request& request, Action action, const std::string& collection) const;

    engine::Catalog& catalog_;
    ApiOptions options_;
    Router router_;
    CorsPolicy cors_;
    std::optional<RequestMetrics> request_metrics_;
    std::optional<SearchStageMetrics> search_metrics_;
};

}  // namespace braid::http
