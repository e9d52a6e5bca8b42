#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace braid::engine {

struct SideResult {
    std::uint32_t rank = 0;       // 1-based
    double score = 0;             // the side's raw score (BM25 / similarity)
    double normalized = 0;        // fusion's view of it (rrf: 1/(k+rank); linear: normalized)
    double contribution = 0;      // what it added to the fused score
};

struct TermBreakdown {
    std::string field, term;
    std::uint32_t tf = 0, df = 0, field_length = 0;
    double idf = 0, avg_field_length = 0, boost = 1, score = 0;
};

struct HitExplanation {
    std::vector<TermBreakdown> terms;   // BM25 per matching term
};

struct Hit {
    std::string id;
    double score = 0;
    boost::json::value document;        // the stored document, as it came
    std::optional<SideResult> lexical;
    std::optional<SideResult> dense;
    std::optional<HitExplanation> explanation;  // only with explain
};

struct SearchResponse {
    std::vector<Hit> hits;
    boost::json::value fusion;          // null for single-sided searches, else every applied parameter
    std::optional<boost::json::object> explain;  // query-level: analyzed tokens, plan, dense exact/hnsw
    double took_ms = 0;
};

}  // namespace braid::engine
