#pragma once
// A search over a collection split into shards, in its two halves. On each shard: the lexical
// statistics the query reads, then each side's ranked candidates scored with the statistics
// summed over all shards. On the coordinator: each side merged globally (score, then id), then
// fusion and the page, exactly as execute_search ranks one collection holding every document.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/search_plan.hpp"
#include "engine/search_request.hpp"
#include "engine/search_response.hpp"
#include "engine/searcher.hpp"
#include "lexical/corpus_statistics.hpp"

namespace braid::engine {

struct RankedId {
    std::string id;
    float score = 0;
};

// One shard's candidates: each side's best plan.candidates, score descending, ties by id.
struct ShardSides {
    std::vector<RankedId> lexical;
    std::vector<RankedId> dense;
    // With plan.total: every lexical match on the shard after the filter (the sum over the
    // shards is the collection's count: each document is on one shard).
    std::optional<std::uint64_t> lexical_matches;
};

// A page entry of the merged ranking (documents and explanations are fetched afterwards).
struct MergedHit {
    std::string id;
    double score = 0;
    std::optional<SideContribution> lexical;
    std::optional<SideContribution> dense;
};

// The plan of one shard's part: the coordinator has resolved the mode and embedded the query,
// so `request` names its mode and carries its vector when the dense side runs.
// Errors: plan_search's; invalid_argument "unsupported_on_shards" naming the member for the
// simple syntax, minimum_should_match and synonym expansion (their tree scorers read shard-local
// statistics), facets, collapse, highlight and rerank.
SearchPlan shard_plan(const config::CollectionConfig& schema, const DocumentParser& parser, const SearchRequest& request);

// What BM25 reads for the plan's query on this shard (empty for a dense plan).
lexical::CorpusStatistics shard_statistics(const CollectionView& view, const SearchPlan& plan);

// The shard's candidates; plan.lexical.global holds the summed statistics.
ShardSides shard_sides(const CollectionView& view, const SearchPlan& plan, const std::vector<FilterClause>& filter);

// A page hit's document as this shard holds it, shaped as the plan asks, with its explanation
// (under plan.lexical.global) when the plan explains and its lexical side ran; nullopt when the
// shard does not hold `id`.
struct FetchedHit {
    std::string document;
    std::optional<HitExplanation> explanation;
};
std::optional<FetchedHit> shard_fetch(const CollectionView& view, const SearchPlan& plan, const std::string& id);

// The coordinator's merge of every shard's candidates: per side the global best plan.candidates,
// min_score, fusion (hybrid), then the page [offset, offset + k).
std::vector<MergedHit> merge_shard_sides(const std::vector<ShardSides>& shards, const SearchPlan& plan);

}  // namespace braid::engine
