#pragma once
#include <string>
#include <boost/json/value.hpp>

#include "engine/search_response.hpp"

namespace braid::http {

// {"hits":[{"id","score","document","lexical":{"rank","score"},"dense":{...}}],"fusion":...,
//  "took_ms":...}. When the response carries an explanation (the request asked for one), each side
// also shows its normalized score and contribution, each hit its per-term BM25 breakdown, and the
// response the query-level explanation under "explain".
// The answer's JSON text, written around each hit's stored document bytes without re-parsing them.
std::string search_response_text(const engine::SearchResponse& response);
// The same, parsed (for callers that want a value, such as the CLI).
boost::json::value to_json(const engine::SearchResponse& response);

}  // namespace braid::http
