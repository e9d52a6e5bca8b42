#pragma once
#include <string>

#include <boost/json/value.hpp>

#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::http {

// "highlight": {"fields": [...], "fragment_size", "fragments", "pre", "post", "encoder":
// "default" | "html", "no_match_size"}. Each mistake is an invalid_request naming its path
// (highlight.<member>); the field names are checked against the schema by the engine.
engine::HighlightRequest read_highlight(const boost::json::value& value);

// ,"highlight":{"field":["fragment", ...], ...}
void append_highlight(std::string& out, const engine::HitHighlights& highlight);

}  // namespace braid::http
