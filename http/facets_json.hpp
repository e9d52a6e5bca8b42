#pragma once
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::http {

// "facets": {"<field>": {"size": n} | {"ranges": [{"gte": x, "lt": y}, ...]}}, in the object's
// order. Each shape mistake is an invalid_request / unknown_member naming its path
// (facets.<field>.size, facets.<field>.ranges[i].lt); the fields and their types are checked by
// the engine (engine/facet_counter.hpp).
std::vector<engine::FacetRequest> read_facets(const boost::json::value& value);

// ,"total":{"lexical":n,"dense_window":w} and ,"facets":{"<field>":{"buckets":[...],"other":n}}
// when the response carries them.
void append_totals_and_facets(std::string& out, const engine::SearchResponse& response);

}  // namespace braid::http
