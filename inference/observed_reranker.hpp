#pragma once
#include <memory>

#include "inference/call_observer.hpp"
#include "inference/reranker.hpp"

namespace braid::inference {

// `reranker` with every rerank() call timed and reported to `observer` (when not null).
std::unique_ptr<Reranker> observed(std::unique_ptr<Reranker> reranker, std::shared_ptr<const CallObserver> observer);

}  // namespace braid::inference
