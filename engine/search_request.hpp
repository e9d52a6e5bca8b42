#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/document_output.hpp"
#include "engine/facets.hpp"
#include "engine/highlight_request.hpp"
#include "fusion/fusion.hpp"
#include "engine/min_score.hpp"
#include "fusion/parameter_checks.hpp"
#include "lexical/lexical_query.hpp"
#include "lexical/tree_query.hpp"

namespace braid::engine {

using FilterValue = std::variant<std::string, std::int64_t, double, bool>;

struct RangeBounds {
    std::optional<double> gt, gte, lt, lte;
};

// One clause of a filter: `{"tags": ["a","b"]}` / `{"lang": "en"}` is any_of; `{"year": {"gte": 2010}}`
// is a range. Clauses of a filter are ANDed.
struct FilterClause {
    std::string field;
    std::vector<FilterValue> any_of;
    std::optional<RangeBounds> range;
};

// The lexical and fusion modules' own request types and rules, named through engine so that http/
// (which may not include those modules) reads a request straight into them and applies each rule
// as it reads the member, naming its JSON path: check(FusionParams) is fusion's, check_boost is
// lexical's. The modules apply the same functions at their own entry points, so a direct engine
// caller meets the same rule, error type and path.
using MatchOperator = lexical::Operator;  // "operator": "or" (any) | "and" (all)
using fusion::FusionParams;
using fusion::LinearParams;
using fusion::Normalization;
using fusion::RrfParams;
using fusion::check;
using lexical::check_boost;
using lexical::Fuzziness;           // "fuzziness": "auto" | 0..2
using lexical::MinimumShouldMatch;  // "minimum_should_match": count or percentage
using lexical::SyntaxOptions;       // "syntax", "minimum_should_match", "fuzziness", "prefix_length", "max_expansions"

// Which sides run: "mode" in a request. Without it: hybrid on a collection with an embedder,
// otherwise what the request carries (query: lexical, vector: dense, both: hybrid).
enum class SearchMode { lexical, dense, hybrid };

// "rerank": the top `window` of the ranked list are re-scored by a named reranker (config
// "rerankers") over the text of `fields` (empty: the collection's text fields).
struct RerankRequest {
    std::string reranker;
    std::size_t window = 50;             // grown to cover offset + k
    std::vector<std::string> fields;
    bool skip_on_error = false;          // "on_error": "skip": the unreranked order plus `degraded`
};

struct SearchRequest {
    std::optional<std::string> query;
    std::optional<std::vector<float>> vector;
    std::vector<std::pair<std::string, double>> fields;  // field -> boost (check_boost); empty: combined field
    std::vector<FilterClause> filter;
    MatchOperator op = MatchOperator::any;
    SyntaxOptions syntax;  // plain by default: today's behaviour
    MinScore min_score;    // engine/min_score.hpp
    std::size_t k = 10;
    std::size_t offset = 0;
    std::optional<FusionParams> fusion;  // empty: rrf with its defaults (hybrid searches only)
    std::optional<int> ef_search;
    bool explain = false;
    // How each hit's document is returned: without its vector unless include_vector, and only
    // the top-level members selected by "include" / "exclude".
    DocumentShape document;
    // More analyzed query terms than this: Error(invalid_argument, "too_many_query_terms"); 0: no
    // limit. The server sets it from server.max_query_terms, so one request cannot buy seconds of CPU.
    std::size_t max_query_terms = 0;
    std::optional<SearchMode> mode;
    // "on_embedder_error": true for "lexical" (a failed query embedding answers lexically), false
    // for "error"; empty: the collection's embedder setting.
    std::optional<bool> lexical_on_embedder_error;
    std::optional<RerankRequest> rerank;
    std::optional<HighlightRequest> highlight;  // engine/hit_highlights.hpp
    // "collapse": a keyword field; at most one hit per value (engine/collapse.hpp), applied after
    // fusion and min_score, before paging and rerank.
    std::optional<std::string> collapse;
    // Cluster only: answer once this node applied the collection's log through this sequence (a
    // write's "sequence"), waiting a bounded time; a single node applies before answering.
    std::optional<std::uint64_t> min_sequence;
    // "facets" and "total": counts over the whole match set (engine/facet_counter.hpp).
    std::vector<FacetRequest> facets;
    bool total = false;
    // Cluster only, a search fanned out over a sharded collection's holders: a shard with no live
    // holder is left out (named in the answer's `degraded`) instead of failing the search (503).
    bool allow_partial = false;
};

// The request's own rule (every other rule belongs to the module that owns the member): a search
// needs "query", "vector", or both. Throws braid::Error(invalid_argument, "invalid_request").
void check_has_query_or_vector(const SearchRequest& request);

}  // namespace braid::engine
