#pragma once
#include "engine/search_stage_timings.hpp"
#include "metrics/registry.hpp"

namespace braid::http {

// Each search's time by stage (analyze, embed, lexical, dense, fusion, rerank, fetch), as
// braid_search_stage_duration_seconds{stage}. A stage that did not run is not observed.
class SearchStageMetrics {
public:
    explicit SearchStageMetrics(metrics::Registry& registry);

    void record(const engine::StageTimings& stages) const;

private:
    metrics::Family<metrics::Histogram>& family_;
    // One histogram per stage, looked up once (an instrument's address is stable).
    metrics::Histogram &analyze_, &embed_, &lexical_, &dense_, &fusion_, &rerank_, &fetch_;
};

}  // namespace braid::http
