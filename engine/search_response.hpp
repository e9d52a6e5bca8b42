#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

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

struct Hit {
    std::string id;
    double score = 0;
    boost::json::value document;  // the stored document, as it came
    // Single-sided searches: rank and score, with normalized and contribution equal to the score.
    std::optional<SideContribution> lexical;
    std::optional<SideContribution> dense;
    std::optional<HitExplanation> explanation;  // with explain, when the lexical side ran
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
    std::optional<LexicalRunExplanation> lexical;
    std::optional<DenseRunExplanation> dense;
    std::optional<std::size_t> filter_allowed_count;  // when a filter was given
};

struct SearchResponse {
    std::vector<Hit> hits;
    std::optional<fusion::FusionParams> fusion;  // hybrid only: every parameter applied, defaults included
    std::optional<SearchExplanation> explain;    // present exactly when the request asked for explain
    double took_ms = 0;
    StageTimings stages;
};

}  // namespace braid::engine
