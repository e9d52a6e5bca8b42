#pragma once
// Facet counts and totals over the whole match set of a search: every lexical match after the
// filter (found by a count-only traversal of the postings, LexicalIndex::matches: exactly the
// documents an unpruned top-k would return, none of them scored) plus the documents of the dense
// side's window, each document once.
#include <vector>

#include "config/config.hpp"
#include "core/bitset.hpp"
#include "core/scored_doc.hpp"
#include "engine/facets.hpp"
#include "engine/filter_index.hpp"
#include "engine/search_plan.hpp"
#include "engine/search_response.hpp"
#include "engine/searcher.hpp"

namespace braid::engine {

// Throws Error(invalid_argument, "invalid_request") naming the path (facets.<field>,
// facets.<field>.size, facets.<field>.ranges[i]): an unknown or text field, size outside
// 1..1000, ranges on a keyword or boolean field, size on a float field, both size and ranges,
// an empty range list (or more than 1000), a range without bounds or with gte >= lt.
void check_facets(const config::CollectionConfig& schema, const std::vector<FacetRequest>& facets);

// How keyword and boolean value buckets are counted: by walking the matched documents and
// reading each one's value ids (FacetValueColumn; the cost follows the matches), or by walking
// every posting of the field's values and testing it against the matches (the cost follows the
// field's size; cheaper when the matches are most of the documents that have a value).
// `automatic` picks per facet (docs/facets.md: the crossover). Number facets always walk the matches.
enum class FacetWalk { automatic, matches, postings };

// Reads the filter index's columns (a friend of FilterIndex).
class FacetCounter {
public:
    // Each facet over `matched` (live ordinals), in the request's order. Check the facets first.
    static std::vector<FacetResult> count(const FilterIndex& index, const std::vector<FacetRequest>& facets,
                                          const Bitset& matched, FacetWalk walk = FacetWalk::automatic);
};

// The ordinals of every lexical match of the plan within `allowed` (null: every live document).
Bitset lexical_matches(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed);

// Sets response.total (when the plan asks) and response.facets (when it has facets) from the
// lexical matches and `dense_window`, the dense side's hits before min_score.
void add_match_counts(const CollectionView& view, const SearchPlan& plan, const Bitset* allowed,
                      const std::vector<ScoredDoc>& dense_window, SearchResponse& response);

}  // namespace braid::engine
