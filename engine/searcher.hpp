#pragma once
#include <vector>

#include "core/bitset.hpp"
#include "dense/vector_index.hpp"
#include "engine/document_output.hpp"
#include "engine/document_store.hpp"
#include "engine/filter_index.hpp"
#include "engine/search_plan.hpp"
#include "engine/search_response.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::engine {

// Read-only view of one collection's state; valid while the caller holds the collection's lock
// (shared is enough).
struct CollectionView {
    const DocumentStore& store;
    const FilterIndex& filters;
    const lexical::LexicalIndex* lexical = nullptr;  // null: the collection has no text field
    const dense::VectorIndex* dense = nullptr;  // null: the collection has no vector field
    std::string_view vector_field;
};

// Runs a plan: each side fetches plan.candidates, hybrid fuses (ties by external id), then the
// page [offset, offset + k) is returned. `filter` is validated here (it needs the filter index).
SearchResponse execute_search(const CollectionView& view, const SearchPlan& plan,
                              const std::vector<FilterClause>& filter);

}  // namespace braid::engine
