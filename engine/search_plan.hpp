#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "config/config.hpp"
#include "engine/document_parser.hpp"
#include "engine/search_request.hpp"
#include "engine/search_response.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::engine {

// A search with its query analyzed and checked against the schema: everything that needs no
// collection state. Rules that belong to a module stay with it: boosts are checked by the lexical
// index (lexical::check_boost), fusion parameters by fusion (fusion::check).
struct SearchPlan {
    PlanKind kind = PlanKind::lexical;
    lexical::LexicalQuery lexical;             // k and allowed are set when it runs
    // The simple syntax or minimum_should_match: the boolean query the lexical side runs instead
    // of `lexical` (which then only lists each field's analyzed terms for explain).
    std::optional<lexical::TreeQuery> tree;
    std::vector<float> vector;
    int ef_search = 0;                         // 0: the index's default
    std::optional<fusion::FusionParams> fusion;  // hybrid only; its window covers offset + k
    std::size_t k = 10, offset = 0;
    MinScore min_score;
    std::size_t candidates = 0;                // how many hits each side fetches
    bool explain = false;
    DocumentShape document;
    std::vector<FacetRequest> facets;  // engine/facet_counter.hpp
    bool total = false;
};

// Throws braid::Error(invalid_argument) with the JSON path of the offending member: neither query
// nor vector (""), `fields.<name>` naming no text field ("unknown_field"), `vector`, `ef_search`.
SearchPlan plan_search(const config::CollectionConfig& schema, const DocumentParser& parser,
                       const SearchRequest& request);

}  // namespace braid::engine
