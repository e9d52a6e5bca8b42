#include "engine/ties_by_id.hpp"

#include <algorithm>

namespace braid::engine {

void order_ties_by_id(std::vector<ScoredDoc>& hits, std::size_t k, const DocumentStore& store) {
    const auto by_score = [](const ScoredDoc& a, const ScoredDoc& b) { return a.score > b.score; };
    const auto by_id = [&store](const ScoredDoc& a, const ScoredDoc& b) { return store.id(a.doc) < store.id(b.doc); };
    if (!std::is_sorted(hits.begin(), hits.end(), by_score)) {  // not as fetch() promises: sort it all
        std::stable_sort(hits.begin(), hits.end(), [&](const ScoredDoc& a, const ScoredDoc& b) {
            if (a.score != b.score) return a.score > b.score;
            return by_id(a, b);
        });
        return;
    }
    // Score order already holds: only the runs of equal scores that reach into the first k need
    // their ids ordered (no merge buffer, no id lookups for hits that differ in score).
    for (auto run = hits.begin(); run != hits.end() && run - hits.begin() < static_cast<std::ptrdiff_t>(k);) {
        const auto run_end = std::find_if(run + 1, hits.end(), [&](const ScoredDoc& d) { return d.score != run->score; });
        if (run_end - run > 1) std::sort(run, run_end, by_id);  // ids are distinct: no stability needed
        run = run_end;
    }
}

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
    order_ties_by_id(hits, k, store);
    if (hits.size() > k) hits.resize(k);
    return hits;
}

}  // namespace braid::engine
