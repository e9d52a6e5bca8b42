#pragma once
#include <string>

#include "engine/catalog.hpp"
#include "http/caller.hpp"
#include "http/message.hpp"
#include "http/search_metrics.hpp"
#include "http/search_request_json.hpp"

// Thin handlers: read the request, call the engine, write JSON. Errors are thrown as
// braid::Error and mapped to a status by the Api.
namespace braid::http::handlers {

Response health();
Response analyze(const engine::Catalog& catalog, const Request& request);

// Only the collections `caller` may use.
Response list_collections(const engine::Catalog& catalog, const Caller& caller);
Response create_collection(engine::Catalog& catalog, const std::string& name, const Request& request);
Response get_collection(const engine::Catalog& catalog, const std::string& name);
Response drop_collection(engine::Catalog& catalog, const std::string& name);

Response put_document(engine::Catalog& catalog, const std::string& name, const std::string& id,
                      const Request& request);
Response get_document(const engine::Catalog& catalog, const std::string& name, const std::string& id);
Response delete_document(engine::Catalog& catalog, const std::string& name, const std::string& id);
// ?limit= (1..1000, default 100) &cursor= (a previous page's next_cursor): documents by id.
Response list_documents(const engine::Catalog& catalog, const std::string& name, const Request& request);
Response bulk(engine::Catalog& catalog, const std::string& name, const Request& request);

// `stage_metrics`, when given, records each search's stage durations.
Response search(const engine::Catalog& catalog, const std::string& name, const Request& request,
                const SearchLimits& limits, const SearchStageMetrics* stage_metrics = nullptr);

// API keys (admin only): POST /keys answers the key itself, once; GET /keys lists without it.
Response create_key(engine::Catalog& catalog, const Request& request);
Response list_keys(engine::Catalog& catalog);
Response delete_key(engine::Catalog& catalog, const std::string& id);

}  // namespace braid::http::handlers
