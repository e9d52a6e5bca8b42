#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema.hpp"
#include "engine/search_pipeline.hpp"
#include "engine/search_response.hpp"

namespace braid::engine {

// "collapse": "<keyword field>": at most one hit per value of the field, the first in the list's
// order (the best by the final order). A document whose field is absent, null or not a string
// forms a group of its own; an array of strings groups by its first string.
std::optional<std::string> collapse_key(std::string_view document_json, const std::string& field);

// Keeps the first hit of each group, in order.
std::vector<Hit> collapse_hits(std::vector<Hit> hits, const std::string& field);

// Throws Error(invalid_argument, "invalid_request", path "collapse") unless `field` is a keyword
// field of the collection.
void check_collapse_field(const config::CollectionConfig& schema, const std::string& field);

// Runs `request` (already planned by the pipeline: vector embedded, rerank window set) and
// collapses its ranked list on `field`, widening the window (x4 each time) until offset + k groups
// are found or the sides have no more hits; answers the groups in [offset, offset + k), each
// document shaped as the request asked.
SearchResponse collapsed_search(const SearchContext& context, const SearchRequest& request, const std::string& field);

}  // namespace braid::engine
