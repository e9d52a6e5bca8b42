#pragma once
#include <boost/json/value.hpp>

#include "engine/search_request.hpp"

namespace braid::http {

// "min_score": {"lexical": x, "dense": y, "fused": z}: an object of finite numbers, at least one;
// a mistake is an invalid_request / unknown_member naming its path.
engine::MinScore read_min_score(const boost::json::value& value);

}  // namespace braid::http
