#pragma once
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "engine/catalog.hpp"  // also brings analyzers::Token (http/ may not include analyzers/)

namespace braid::http {

// {"indexed":n,"failed":m,"errors":[{"line":L,"id":...,"error":{"type","message"}}]}
boost::json::value to_json(const engine::BulkResult& result);
// {"documents","terms","postings","vectors","memory_bytes"}
boost::json::value to_json(const engine::CollectionStats& stats);
// {"tokens":[{"token","position","start","end"}]}
boost::json::value tokens_json(const std::vector<analyzers::Token>& tokens);

}  // namespace braid::http
