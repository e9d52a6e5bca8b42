#pragma once
// A search from request to answer: choose the mode, embed the query text when the dense side
// needs it (or fall back to lexical), run the plan on the collection's state, then rerank.
// The model services are called outside the collection's lock.
#include <functional>
#include <vector>

#include "config/config.hpp"
#include "engine/collection_embedder.hpp"
#include "engine/document_parser.hpp"
#include "engine/reranker_set.hpp"
#include "engine/search_plan.hpp"
#include "engine/search_request.hpp"
#include "engine/search_response.hpp"

namespace braid::engine {

struct SearchContext {
    const config::CollectionConfig& schema;
    const DocumentParser& parser;
    const CollectionEmbedder* embedder = nullptr;  // null: the collection has none
    const RerankerSet* rerankers = nullptr;        // null: none configured
    // Runs a plan on the collection's state (under its read lock).
    std::function<SearchResponse(const SearchPlan&, const std::vector<FilterClause>&)> execute;
};

// Errors: those of plan_search and execute_search; invalid_query for a mode the request or the
// collection cannot serve; unknown_reranker; the embedder's and reranker's own (502/503) unless
// the request or collection asked to degrade.
SearchResponse run_search(const SearchContext& context, const SearchRequest& request);

}  // namespace braid::engine
