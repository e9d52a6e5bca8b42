#pragma once
#include <boost/json/value.hpp>

#include "engine/search_response.hpp"

namespace braid::http {

// {"hits":[{"id","score","document","lexical":{"rank","score"},"dense":{...}}],"fusion":...,
//  "took_ms":...}. With `explain`, each side also shows its normalized score and contribution,
// each hit its per-term BM25 breakdown, and the response the engine's query-level explanation.
boost::json::value to_json(const engine::SearchResponse& response, bool explain);

}  // namespace braid::http
