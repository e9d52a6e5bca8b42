#include <algorithm>
#include <cstdint>
#include <numeric>

#include "lexical/query_plan.hpp"

namespace braid::lexical {

namespace {

// How the loop reaches a term's cursor: through the MergedCursor, or, when every term has one
// field, straight to its PostingCursor (no merge branch on each step).
struct AnyFields {
    static MergedCursor& cursor(QueryTerm& t) { return t.cursor; }
};
struct OneField {
    static PostingCursor& cursor(QueryTerm& t) { return t.cursor.single_cursor(); }
};

template <class Access>
void maxscore(std::vector<QueryTerm>& terms, const DocFilter& filter, TopKHeap& heap) {
    const std::size_t n = terms.size();
    // sorted: terms by increasing upper bound; prefix[i] = sum of the bounds of sorted[0..i];
    // slot[i]: sorted[i]'s index in `terms`, where its contribution goes for canonical_sum.
    std::vector<std::uint32_t> slot(n);
    std::iota(slot.begin(), slot.end(), std::uint32_t{0});
    std::sort(slot.begin(), slot.end(),
              [&](std::uint32_t a, std::uint32_t b) { return terms[a].upper_bound < terms[b].upper_bound; });
    std::vector<float> prefix(n);
    float running = 0;
    for (std::size_t i = 0; i < n; ++i) prefix[i] = running += terms[slot[i]].upper_bound;
    std::vector<QueryTerm*> sorted(n);
    for (std::size_t i = 0; i < n; ++i) sorted[i] = &terms[slot[i]];
    // Every slot is written for each candidate that reaches canonical_sum (0 where the term is
    // absent), so nothing is cleared between candidates.
    std::vector<float> contrib(n, 0.0f);

    // Lists sorted[0 .. first_essential) are non-essential: together they cannot lift a document
    // into the heap, so candidates come only from the essential ones.
    std::size_t first_essential = 0;
    auto update_essential = [&] {
        const float thr = heap.threshold();
        const std::size_t before = first_essential;
        while (first_essential < n && cannot_enter(prefix[first_essential], thr)) ++first_essential;
        return first_essential != before;
    };
    auto smallest_essential = [&] {
        DocOrdinal d = kNoDoc;
        for (std::size_t i = first_essential; i < n; ++i) d = std::min(d, Access::cursor(*sorted[i]).doc());
        return d;
    };
    update_essential();

    DocOrdinal cand = first_essential < n ? smallest_essential() : kNoDoc;
    while (cand != kNoDoc) {
        // The essential lists on `cand` are scored and stepped; `next` is the smallest ordinal
        // they are on afterwards, the next candidate.
        DocOrdinal next = kNoDoc;
        if (!filter.accept(cand)) {
            for (std::size_t i = first_essential; i < n; ++i) {
                auto& c = Access::cursor(*sorted[i]);
                if (c.doc() == cand) c.next();
                next = std::min(next, c.doc());
            }
            cand = next;
            continue;
        }
        float partial = 0;
        for (std::size_t i = first_essential; i < n; ++i) {
            QueryTerm& t = *sorted[i];
            auto& c = Access::cursor(t);
            float s = 0;
            if (c.doc() == cand) {
                s = t.scorer.score(cand, c.tf());
                c.next();
            }
            contrib[slot[i]] = s;
            partial += s;
            next = std::min(next, c.doc());
        }
        bool competitive = true;
        if (first_essential > 0) {
            const float thr = heap.threshold();
            if (cannot_enter(partial + prefix[first_essential - 1], thr)) {
                competitive = false;
            } else {
                // Tighter: the block-max bounds of the blocks that would hold `cand`.
                float block_bound = partial;
                for (std::size_t i = 0; i < first_essential; ++i) block_bound += sorted[i]->bound_at(cand);
                competitive = !cannot_enter(block_bound, thr);
            }
            for (std::size_t i = first_essential; competitive && i-- > 0;) {
                if (cannot_enter(partial + prefix[i], thr)) {
                    competitive = false;
                    break;
                }
                QueryTerm& t = *sorted[i];
                auto& c = Access::cursor(t);
                c.next_geq(cand);
                float s = 0;
                if (c.doc() == cand) s = t.scorer.score(cand, c.tf());
                contrib[slot[i]] = s;
                partial += s;
            }
        }
        // A list that left the essential ones may have been the one on `next`.
        if (competitive && heap.push({cand, canonical_sum(contrib.data(), n)}) && update_essential())
            next = first_essential < n ? smallest_essential() : kNoDoc;
        cand = next;
    }
}

}  // namespace

void evaluate_any(std::vector<QueryTerm>& terms, const DocFilter& filter, TopKHeap& heap) {
    if (terms.empty() || heap.capacity() == 0) return;
    const bool one_field = std::all_of(terms.begin(), terms.end(), [](const QueryTerm& t) { return t.cursor.single(); });
    if (!one_field) return maxscore<AnyFields>(terms, filter, heap);
    maxscore<OneField>(terms, filter, heap);
    for (QueryTerm& t : terms) t.cursor.sync();
}

}  // namespace braid::lexical
