#include "engine/reranker_set.hpp"

#include "core/error.hpp"
#include "engine/collection_embedder.hpp"
#include "inference/observed_reranker.hpp"

namespace braid::engine {

RerankerSet::RerankerSet(const std::vector<config::RerankerConfig>& configs,
                         std::shared_ptr<const inference::CallObserver> observer) {
    for (const auto& config : configs) {
        try {
            auto reranker = inference::make_reranker(reranker_spec(config));
            rerankers_[config.name] = observer ? inference::observed(std::move(reranker), observer) : std::move(reranker);
        } catch (const Error& e) {
            const std::string path = "rerankers." + config.name + (e.path().empty() ? "" : "." + e.path());
            std::string problem = e.what();
            if (!e.path().empty() && problem.rfind(e.path() + ": ", 0) == 0) problem.erase(0, e.path().size() + 2);
            throw Error(e.kind(), e.type(), path + ": " + problem, path);
        }
    }
}

const inference::Reranker& RerankerSet::get(const std::string& name, const std::string& path) const {
    const auto it = rerankers_.find(name);
    if (it != rerankers_.end()) return *it->second;
    std::string known;
    for (const auto& [n, r] : rerankers_) known += (known.empty() ? "" : ", ") + n;
    throw Error(ErrorKind::invalid_argument, "unknown_reranker",
                path + ": unknown reranker \"" + name + "\"; the configuration's \"rerankers\" define: " +
                    (known.empty() ? std::string("none") : known),
                path);
}

}  // namespace braid::engine
