#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include <boost/json/value.hpp>

#include "engine/search_request.hpp"

namespace braid::http {

// Upper bounds a request may ask for (server.max_k / max_offset / max_window / max_query_terms).
struct SearchLimits {
    std::size_t max_k = 10000;
    std::size_t max_offset = 100000;
    std::size_t max_window = 10000;
    std::size_t max_query_terms = 1024;
};

// Strict reading of DESIGN.md's search request into the one typed request the engine runs (enums,
// fusion's own parameter structs). Every mistake throws braid::Error(invalid_argument) naming its
// JSON path: wrong types and bounds "invalid_request", unknown members "unknown_member", and each
// module's rule with that module's type as the member is read ("invalid_fusion", "invalid_boost").
// `vector`: the "vector" member's numbers when parse_search_body read them from the bytes (the
// member itself is then not read).
engine::SearchRequest parse_search_request(const boost::json::value& body,
                                           const SearchLimits& limits,
                                           std::optional<std::vector<float>> vector = std::nullopt);

}  // namespace braid::http
