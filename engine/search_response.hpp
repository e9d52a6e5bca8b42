#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "engine/facets.hpp"
#include "engine/search_stage_timings.hpp"
#include "fusion/fusion.hpp"
#include "lexical/lexical_query.hpp"

namespace braid::engine {

// What a search answers, typed; http/ renders it as JSON. The lexical and fusion modules' own
// structs are used as they are (named here so that http/ can name them).
using fusion::SideContribution;   // a side's rank, raw score, fusion's view of it, what it added
using lexical::FieldQuery;        // a searched field and its analyzed query terms
using lexical::TermExplanation;   // one matching term's BM25 inputs and score

enum class PlanKind { lexical, dense, hybrid };

struct HitExplanation {
    std::vector<TermExplanation> terms;  // BM25 per matching term, as the scorer computed it
};

// A hit's place and score in the rerank stage.
struct RerankScore {
    std::uint32_t rank = 0;  // 1-based, after reranking
    double score = 0;        // the reranker's relevance score
};

// "highlight" of a hit: each requested field that has fragments, in the request's order.
using HitHighlights = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct Hit {
    std::string id;
    double score = 0;
    std::string document;  // the stored document's JSON text, shaped as the request asked
    // Single-sided searches: rank and score, with normalized and contribution equal to the score.
    std::optional<SideContribution> lexical;
    std::optional<SideContribution> dense;
    std::optional<RerankScore> rerank;
    std::optional<HitExplanation> explanation;  // with explain, when the lexical side ran
    std::optional<HitHighlights> highlight;     // when the request asked for highlights and had query text
};

struct LexicalRunExplanation {
    lexical::Operator op = lexical::Operator::any;
    std::size_t candidates = 0;  // hits the side returned
};

struct DenseRunExplanation {
    bool exact = false;  // exact scan rather than HNSW
    int ef_search = 0;
    std::optional<std::size_t> allowed_count;  // when a filter restricted the side
    std::size_t candidates = 0;
};

// The query-level explanation: the plan, the analyzed query, and how each side ran.
struct SearchExplanation {
    PlanKind plan = PlanKind::lexical;
    std::vector<FieldQuery> query_tokens;  // lexical and hybrid plans: each field's analyzed terms
    // Tree queries (simple syntax, minimum_should_match): each alternative's clauses as analyzed,
    // and the number of should clauses a match needs.
    std::optional<std::vector<std::vector<std::string>>> query_clauses;
    std::optional<std::size_t> minimum_should_match;
    std::optional<LexicalRunExplanation> lexical;
    std::optional<DenseRunExplanation> dense;
    std::optional<std::size_t> filter_allowed_count;  // when a filter was given
};

// The rerank settings applied (the window as grown).
struct RerankEcho {
    std::string reranker;
    std::size_t window = 0;
    std::vector<std::string> fields;
    bool skip_on_error = false;
};

struct SearchResponse {
    std::vector<Hit> hits;
    PlanKind mode = PlanKind::lexical;           // the sides that ran
    std::vector<std::string> degraded;           // "dense: <why>", "rerank: <why>": a stage left out
    std::optional<RerankEcho> rerank;
    StageTimings stages;
    std::optional<fusion::FusionParams> fusion;  // hybrid only: every parameter applied, defaults included
    std::optional<SearchExplanation> explain;    // present exactly when the request asked for explain
    std::optional<SearchTotal> total;             // when the request asked for "total"
    std::optional<std::vector<FacetResult>> facets;  // when the request asked for "facets"
    double took_ms = 0;
};

}  // namespace braid::engine
