#pragma once
#include <optional>
#include <vector>

#include "engine/search_request.hpp"
#include "engine/search_response.hpp"
#include "lexical/tree_query.hpp"

namespace braid::engine {

// The boolean query of a search in the simple syntax, or of a plain one with
// minimum_should_match; nullopt for a plain query without it (the pruned path runs).
// `fields` are the searched fields with their analyzers, `plain` the plain analysis of the query
// over them. Throws braid::Error(invalid_argument) on malformed syntax ("invalid_query_syntax",
// path "query") or minimum_should_match with "operator": "and".
std::optional<lexical::TreeQuery> plan_tree(const SearchRequest& request, const std::vector<lexical::FieldAnalyzer>& fields,
                                            const std::vector<lexical::FieldQuery>& plain);

// Explain's view of a tree: each alternative's clause labels, and the should clauses (or, with
// several alternatives, the alternatives) a match needs under minimum_should_match.
void explain_tree(const lexical::TreeQuery& tree, SearchExplanation& explain);

}  // namespace braid::engine
