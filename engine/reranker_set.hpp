#pragma once
// The rerankers of the configuration's "rerankers" object, by name. Immutable once built; shared
// by every collection of a catalog.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "inference/call_observer.hpp"
#include "inference/reranker.hpp"

namespace braid::engine {

class RerankerSet {
public:
    RerankerSet() = default;
    // Throws braid::Error (invalid_reranker, invalid_url) for a reranker that cannot be built,
    // its path prefixed with rerankers.<name>.
    // Each reranker's calls are reported to `observer` when given (metrics).
    explicit RerankerSet(const std::vector<config::RerankerConfig>& configs,
                         std::shared_ptr<const inference::CallObserver> observer = nullptr);

    // Error(invalid_argument, "unknown_reranker") naming the ones there are; `path` is the
    // request member that named it.
    const inference::Reranker& get(const std::string& name, const std::string& path) const;

private:
    std::map<std::string, std::unique_ptr<inference::Reranker>> rerankers_;
};

}  // namespace braid::engine
