#include <algorithm>
#include <numeric>

#include "lexical/query_plan.hpp"

namespace braid::lexical {

void evaluate_any(std::vector<QueryTerm>& terms, const DocFilter& filter, TopKHeap& heap) {
    const std::size_t n = terms.size();
    if (n == 0 || heap.capacity() == 0) return;
    // order: terms by increasing upper bound; prefix[i] = sum of the bounds of order[0..i].
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return terms[a].upper_bound < terms[b].upper_bound; });
    std::vector<float> prefix(n);
    float running = 0;
    for (std::size_t i = 0; i < n; ++i) prefix[i] = running += terms[order[i]].upper_bound;
    std::vector<float> contrib(n, 0.0f);
    std::vector<QueryTerm*> sorted(n);
    for (std::size_t i = 0; i < n; ++i) sorted[i] = &terms[order[i]];

    // Lists order[0 .. first_essential) are non-essential: together they cannot lift a document
    // into the heap, so candidates come only from the essential ones.
    std::size_t first_essential = 0;
    auto update_essential = [&] {
        const float thr = heap.threshold();
        while (first_essential < n && cannot_enter(prefix[first_essential], thr)) ++first_essential;
    };
    update_essential();

    while (first_essential < n) {
        DocOrdinal cand = kNoDoc;
        for (std::size_t i = first_essential; i < n; ++i) cand = std::min(cand, sorted[i]->cursor.doc());
        if (cand == kNoDoc) break;
        if (!filter.accept(cand)) {
            for (std::size_t i = first_essential; i < n; ++i)
                if (sorted[i]->cursor.doc() == cand) sorted[i]->cursor.next();
            continue;
        }
        std::fill(contrib.begin(), contrib.end(), 0.0f);
        float partial = 0;
        for (std::size_t i = first_essential; i < n; ++i) {
            TermCursor& c = sorted[i]->cursor;
            if (c.doc() != cand) continue;
            const float s = sorted[i]->scorer.score(cand, c.tf());
            contrib[order[i]] = s;
            partial += s;
            c.next();
        }
        const float thr = heap.threshold();
        bool competitive = true;
        if (first_essential > 0) {
            if (cannot_enter(partial + prefix[first_essential - 1], thr)) {
                competitive = false;
            } else {
                // Tighter: the block-max bounds of the blocks that would hold `cand`.
                float block_bound = partial;
                for (std::size_t i = 0; i < first_essential; ++i)
                    block_bound += sorted[i]->bound_at(cand);
                competitive = !cannot_enter(block_bound, thr);
            }
            for (std::size_t i = first_essential; competitive && i-- > 0;) {
                if (cannot_enter(partial + prefix[i], thr)) {
                    competitive = false;
                    break;
                }
                TermCursor& c = sorted[i]->cursor;
                c.next_geq(cand);
                if (c.doc() != cand) continue;
                const float s = sorted[i]->scorer.score(cand, c.tf());
                contrib[order[i]] = s;
                partial += s;
            }
        }
        if (competitive && heap.push({cand, canonical_sum(contrib.data(), n)})) update_essential();
    }
}

}  // namespace braid::lexical
