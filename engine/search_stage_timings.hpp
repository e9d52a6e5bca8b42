#pragma once

namespace braid::engine {

// Where a search spent its time, stage by stage (milliseconds; 0 for a stage that did not run).
// Read by the per-stage metrics (braid_search_stage_duration_seconds). embed and rerank are
// filled by the inference stages (issue 13) when they run.
struct StageTimings {
    double analyze_ms = 0;  // planning: the query analyzed into each field's terms, the fusion window
    double embed_ms = 0;    // the query embedding
    double lexical_ms = 0;  // lexical top-k (with the filter's evaluation)
    double dense_ms = 0;    // dense top-k (with the filter's evaluation when only this side runs)
    double fusion_ms = 0;
    double rerank_ms = 0;
    double fetch_ms = 0;    // loading the returned documents (and their explanations)
};

}  // namespace braid::engine
