#pragma once
// The search members of server-side inference (issue 13), read and written apart from the rest
// of the search request: "mode", "on_embedder_error", "rerank"; and in the answer "mode",
// "degraded", "rerank", each hit's "rerank", and "took" broken down by stage.
#include <boost/json/object.hpp>

#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::http {

// Reads "mode", "on_embedder_error" and "rerank" of `object` into `request`; `max_window` bounds rerank.window.
void read_inference_members(const boost::json::object& object, engine::SearchRequest& request, std::size_t max_window);

// Adds "mode", "degraded" (when a stage was left out), "rerank" (the settings applied) and
// "took" to an answer.
void write_inference_members(const engine::SearchResponse& response, boost::json::object& out);
// A hit's "rerank": {"rank", "score"}.
boost::json::object rerank_json(const engine::RerankScore& rerank);

}  // namespace braid::http
