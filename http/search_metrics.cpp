#include "http/search_metrics.hpp"

namespace braid::http {
namespace {

metrics::Family<metrics::Histogram>& stage_family(metrics::Registry& registry) {
    return registry.histogram("braid_search_stage_duration_seconds",
                              "Time a search spent in each stage it ran: analyze, embed, lexical, dense, fusion, "
                              "rerank, fetch.",
                              {"stage"}, metrics::latency_buckets());
}

void observe(metrics::Histogram& histogram, double ms) {
    if (ms > 0) histogram.observe(ms / 1000.0);
}

}  // namespace

SearchStageMetrics::SearchStageMetrics(metrics::Registry& registry)
    : family_(stage_family(registry)),
      analyze_(family_.with({"analyze"})),
      embed_(family_.with({"embed"})),
      lexical_(family_.with({"lexical"})),
      dense_(family_.with({"dense"})),
      fusion_(family_.with({"fusion"})),
      rerank_(family_.with({"rerank"})),
      fetch_(family_.with({"fetch"})) {}

void SearchStageMetrics::record(const engine::StageTimings& stages) const {
    observe(analyze_, stages.analyze_ms);
    observe(embed_, stages.embed_ms);
    observe(lexical_, stages.lexical_ms);
    observe(dense_, stages.dense_ms);
    observe(fusion_, stages.fusion_ms);
    observe(rerank_, stages.rerank_ms);
    observe(fetch_, stages.fetch_ms);
}

}  // namespace braid::http
