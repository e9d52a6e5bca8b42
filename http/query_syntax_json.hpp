#pragma once
#include <boost/json/object.hpp>

#include "engine/search_request.hpp"

namespace braid::http {

// The members of a search body that shape its lexical query: "syntax" ("plain" | "simple"),
// "minimum_should_match" (integer, or "N" / "N%" / "-N%"), and for the simple syntax
// "fuzziness" ("auto" | 0..2), "prefix_length", "max_expansions". Each mistake is an
// invalid_request naming its member's path.
void read_query_syntax(const boost::json::object& body, engine::SearchRequest& request);

}  // namespace braid::http
