#pragma once
#include <cstddef>

#include <boost/json/value.hpp>

#include "engine/search_request.hpp"

namespace braid::http {

// Upper bounds a request may ask for (server.max_k / max_offset / max_window).
struct SearchLimits {
    std::size_t max_k = 10000;
    std::size_t max_offset = 100000;
    std::size_t max_window = 10000;
};

// Strict reading of DESIGN.md's search request: unknown members, wrong types, values out of range
// and unknown fusion methods throw braid::Error(invalid_argument) naming the JSON path.
engine::SearchRequest parse_search_request(const boost::json::value& body,
                                           const SearchLimits& limits);

}  // namespace braid::http
