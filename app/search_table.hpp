#pragma once
#include <string>

#include <boost/json/value.hpp>

namespace braid::app {

// A search answer (as POST /collections/{name}/search returns it) for a person to read: one line
// per hit with its rank, id, score, the lexical and dense ranks behind it, and a snippet of its
// title (or first text member), under a header with the hit count and the fusion applied.
std::string search_table(const boost::json::value& answer);

}  // namespace braid::app
