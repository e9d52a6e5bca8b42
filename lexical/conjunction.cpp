#include <algorithm>
#include <numeric>

#include "lexical/query_plan.hpp"

namespace braid::lexical {

void evaluate_all(std::vector<QueryTerm>& terms, std::size_t groups, const DocFilter& filter, TopKHeap& heap) {
    const std::size_t n = terms.size();
    if (n == 0 || groups == 0 || heap.capacity() == 0) return;
    // Members of each group; the rarest group leads.
    std::vector<std::vector<std::size_t>> members(groups);
    std::vector<std::uint64_t> sizes(groups, 0);
    float total_bound = 0;
    for (std::size_t i = 0; i < n; ++i) {
        members[terms[i].group].push_back(i);
        sizes[terms[i].group] += terms[i].cursor.size();
        total_bound += terms[i].upper_bound;
    }
    for (const auto& m : members)
        if (m.empty()) return;  // a term no searched field contains: nothing matches
    std::vector<std::size_t> group_order(groups);
    std::iota(group_order.begin(), group_order.end(), std::size_t{0});
    std::sort(group_order.begin(), group_order.end(), [&](std::size_t a, std::size_t b) { return sizes[a] < sizes[b]; });
    std::vector<float> contrib(n, 0.0f);

    // Smallest ordinal >= target that some member of group g holds.
    auto advance_group = [&](std::size_t g, DocOrdinal target) {
        DocOrdinal m = kNoDoc;
        for (std::size_t i : members[g]) {
            terms[i].cursor.next_geq(target);
            m = std::min(m, terms[i].cursor.doc());
        }
        return m;
    };

    DocOrdinal cand = 0;
    while (true) {
        if (cannot_enter(total_bound, heap.threshold())) return;
        bool aligned = true;
        for (std::size_t g : group_order) {
            const DocOrdinal m = advance_group(g, cand);
            if (m == kNoDoc) return;
            if (m > cand) {
                cand = m;
                aligned = false;
                break;
            }
        }
        if (!aligned) continue;
        if (filter.accept(cand)) {
            std::fill(contrib.begin(), contrib.end(), 0.0f);
            for (std::size_t i = 0; i < n; ++i)
                if (terms[i].cursor.doc() == cand) contrib[i] = terms[i].scorer.score(cand, terms[i].cursor.tf());
            heap.push({cand, canonical_sum(contrib.data(), n)});
        }
        if (cand == kNoDoc - 1) return;
        ++cand;
    }
}

}  // namespace braid::lexical
