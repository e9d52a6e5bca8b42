#pragma once
#include <boost/json/value.hpp>

#include "engine/search_response.hpp"

namespace braid::http {

// {"hits":[{"id","score","document","lexical":{"rank","score"},"dense":{...}}],"fusion":...,
//  "took_ms":...}. When the response carries an explanation (the request asked for one), each side
// also shows its normalized score and contribution, each hit its per-term BM25 breakdown, and the
// response the query-level explanation under "explain".
boost::json::value to_json(const engine::SearchResponse& response);

}  // namespace braid::http
