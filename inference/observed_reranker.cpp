#include "inference/observed_reranker.hpp"

#include <utility>

namespace braid::inference {
namespace {

class ObservedReranker final : public Reranker {
public:
    ObservedReranker(std::unique_ptr<Reranker> inner, std::shared_ptr<const CallObserver> observer)
        : inner_(std::move(inner)), observer_(std::move(observer)) {}

    std::vector<float> rerank(std::string_view query, std::span<const std::string> documents) const override {
        ObservedCall call(observer_.get(), Service::reranker);
        auto scores = inner_->rerank(query, documents);
        call.succeeded();
        return scores;
    }
    std::string describe() const override { return inner_->describe(); }

private:
    std::unique_ptr<Reranker> inner_;
    std::shared_ptr<const CallObserver> observer_;
};

}  // namespace

std::unique_ptr<Reranker> observed(std::unique_ptr<Reranker> reranker, std::shared_ptr<const CallObserver> observer) {
    if (!observer) return reranker;
    return std::make_unique<ObservedReranker>(std::move(reranker), std::move(observer));
}

}  // namespace braid::inference
