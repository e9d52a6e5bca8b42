#pragma once
#include <atomic>
#include <memory>

#include "inference/call_observer.hpp"
#include "metrics/registry.hpp"

namespace braid::engine {

// Calls to the embedder and the reranker: braid_inference_requests_total{service},
// braid_inference_errors_total{service} and braid_inference_request_duration_seconds{service}
// (service "embedder" or "reranker"). Given to embedders as EmbedderOptions::observer and
// wrapped around rerankers with inference::observed().
class InferenceMetrics final : public inference::CallObserver {
public:
    explicit InferenceMetrics(metrics::Registry& registry);
    void call(inference::Service service, double seconds, bool ok) const override;

private:
    metrics::Family<metrics::Counter>& requests_;
    metrics::Family<metrics::Counter>& errors_;
    metrics::Family<metrics::Histogram>& duration_;
    struct Instruments {
        metrics::Counter& requests;
        metrics::Counter& errors;
        metrics::Histogram& duration;
    };
    Instruments embedder_, reranker_;  // looked up once: an instrument's address is stable
    Instruments instruments(const char* service) const;
};

// What the catalog hands to embedders and rerankers before metrics exist: it forwards every
// call to the observer attached later (Catalog::record_metrics), and drops them until then.
class ForwardingCallObserver final : public inference::CallObserver {
public:
    void attach(std::shared_ptr<const inference::CallObserver> target);  // once
    void call(inference::Service service, double seconds, bool ok) const override;

private:
    std::shared_ptr<const inference::CallObserver> owned_;
    std::atomic<const inference::CallObserver*> target_{nullptr};
};

}  // namespace braid::engine
