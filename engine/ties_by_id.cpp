#include "engine/ties_by_id.hpp"

#include <algorithm>

namespace braid::engine {

std::vector<ScoredDoc> top_k_ties_by_id(std::size_t k, const DocumentStore& store,
                                        const std::function<std::vector<ScoredDoc>(std::size_t)>& fetch) {
    if (k == 0) return fetch(0);  // still run: the side checks its query
    // One hit past the k-th usually shows that no tie crosses the cut.
    std::size_t wanted = k + 1;
    std::vector<ScoredDoc> hits = fetch(wanted);
    // While the side gave all that was asked and its last hit ties with the k-th, documents of the
    // k-th score may remain beyond: ask for more.
    while (hits.size() >= wanted && wanted < store.size() && hits.back().score == hits[k - 1].score) {
        wanted = std::min(wanted * 2, store.size());
        hits = fetch(wanted);
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const ScoredDoc& a, const ScoredDoc& b) {
        if (a.score != b.score) return a.score > b.score;
        return store.id(a.doc) < store.id(b.doc);
    });
    if (hits.size() > k) hits.resize(k);
    return hits;
}

}  // namespace braid::engine
