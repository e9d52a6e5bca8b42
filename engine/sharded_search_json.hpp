#pragma once
// The wire form of a sharded search's internal calls (POST /_cluster/{stats,search,fetch}/{c}):
// summed statistics, each side's candidates, fetched hits. Scores travel as the double of their
// float, which reads back to the same float, so merges on the coordinator rank exactly as a
// single node. Readers throw braid::Error(invalid_argument, "invalid_request") with the path.
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "engine/sharded_search.hpp"
#include "lexical/corpus_statistics.hpp"

namespace braid::engine {

std::string statistics_text(const lexical::CorpusStatistics& statistics);
lexical::CorpusStatistics statistics_from_json(const boost::json::value& value, const std::string& path);

std::string shard_sides_text(const ShardSides& sides);
ShardSides shard_sides_from_json(const boost::json::value& value);

std::string fetched_hits_text(const std::vector<std::optional<FetchedHit>>& hits);
std::vector<std::optional<FetchedHit>> fetched_hits_from_json(const boost::json::value& value);

}  // namespace braid::engine
