#include "engine/inference_metrics.hpp"

namespace braid::engine {

InferenceMetrics::InferenceMetrics(metrics::Registry& registry)
    : requests_(registry.counter("braid_inference_requests_total",
                                 "Calls to a model service: embedder batches and reranks, failed ones included.",
                                 {"service"})),
      errors_(registry.counter("braid_inference_errors_total",
                               "Calls to a model service that failed or answered something unusable.", {"service"})),
      duration_(registry.histogram("braid_inference_request_duration_seconds",
                                   "Duration of each call to a model service, retries included.", {"service"},
                                   metrics::latency_buckets())),
      embedder_(instruments("embedder")),
      reranker_(instruments("reranker")) {}

InferenceMetrics::Instruments InferenceMetrics::instruments(const char* service) const {
    return {requests_.with({service}), errors_.with({service}), duration_.with({service})};
}

void InferenceMetrics::call(inference::Service service, double seconds, bool ok) const {
    const Instruments& to = service == inference::Service::embedder ? embedder_ : reranker_;
    to.requests.add();
    if (!ok) to.errors.add();
    to.duration.observe(seconds);
}

void ForwardingCallObserver::attach(std::shared_ptr<const inference::CallObserver> target) {
    owned_ = std::move(target);
    target_.store(owned_.get());
}

void ForwardingCallObserver::call(inference::Service service, double seconds, bool ok) const {
    if (const auto* target = target_.load(std::memory_order_acquire)) target->call(service, seconds, ok);
}

}  // namespace braid::engine
