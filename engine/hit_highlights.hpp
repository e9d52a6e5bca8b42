#pragma once
#include <vector>

#include "config/config.hpp"
#include "engine/document_parser.hpp"
#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::engine {

// Throws braid::Error(invalid_argument) naming "highlight.fields[i]" for a field that is not a
// text field of the collection ("unknown_field"), or the option's path (lexical::check).
void check_highlight(const config::CollectionConfig& schema, const HighlightRequest& highlight);

// Fills each hit's `highlight` from its unshaped stored document: per requested field, the
// fragments around the query's terms as the lexical plan analyzes them for that field (the simple
// syntax included; must_not clauses never highlighted), whichever side found the hit. A search
// without query text (vector only) leaves every hit without highlights.
void add_highlights(const DocumentParser& parser, const SearchRequest& request, std::vector<Hit>& hits);

}  // namespace braid::engine
