#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "config/config.hpp"
#include "engine/document_parser.hpp"
#include "engine/fusion_settings.hpp"
#include "engine/search_request.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::engine {

enum class PlanKind { lexical, dense, hybrid };
std::string plan_name(PlanKind kind);

// A validated search with its query analyzed: everything that needs no collection state.
struct SearchPlan {
    PlanKind kind = PlanKind::lexical;
    lexical::LexicalQuery lexical;        // k and allowed are set when it runs
    std::vector<float> vector;
    int ef_search = 0;                    // 0: the index's default
    std::optional<FusionSettings> fusion; // hybrid only; its window covers offset + k
    std::size_t k = 10, offset = 0;
    std::size_t candidates = 0;           // how many hits each side fetches
    bool explain = false;
    boost::json::object query_tokens;     // field -> analyzed terms (for explain)
};

// Throws braid::Error(invalid_argument) with the JSON path of the offending member: neither query
// nor vector (""), `fields.<name>`, `vector`, `ef_search`, `fusion.<member>`.
SearchPlan plan_search(const config::CollectionConfig& schema, const DocumentParser& parser,
                       const SearchRequest& request);

}  // namespace braid::engine
