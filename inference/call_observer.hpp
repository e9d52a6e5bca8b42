#pragma once
#include <chrono>
#include <memory>

namespace braid::inference {

enum class Service { embedder, reranker };

// Told of every call braid makes to a model: one embedder batch, one rerank (retries included in
// its duration), for the metrics (engine/inference_metrics.hpp implements it). Thread-safe.
class CallObserver {
public:
    virtual ~CallObserver() = default;
    virtual void call(Service service, double seconds, bool ok) const = 0;
};

// Times one call and reports it when it goes out of scope: failed unless succeeded() was called.
class ObservedCall {
public:
    ObservedCall(const CallObserver* observer, Service service)
        : observer_(observer), service_(service), started_(std::chrono::steady_clock::now()) {}
    ~ObservedCall() {
        if (observer_ != nullptr) {
            observer_->call(service_, std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(), ok_);
        }
    }
    ObservedCall(const ObservedCall&) = delete;
    ObservedCall& operator=(const ObservedCall&) = delete;

    void succeeded() { ok_ = true; }

private:
    const CallObserver* observer_;
    Service service_;
    std::chrono::steady_clock::time_point started_;
    bool ok_ = false;
};

}  // namespace braid::inference
