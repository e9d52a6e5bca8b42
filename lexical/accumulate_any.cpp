#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "lexical/query_plan.hpp"

namespace braid::lexical {

namespace {

// Per-thread scratch reused across queries: scores by ordinal and which ordinals hold one.
// Every entry touched by a query is zeroed again before it returns.
struct Accumulators {
    std::vector<float> score;
    std::vector<std::uint64_t> seen;
    void fit(std::size_t docs) {
        if (score.size() < docs) score.resize(docs, 0.0f);
        if (seen.size() * 64 < docs) seen.resize((docs + 63) / 64, 0);
    }
};

void add_term(MergedCursor& c, const Bm25TermScorer& scorer, Accumulators& acc) {
    float* score = acc.score.data();
    std::uint64_t* seen = acc.seen.data();
    for (; c.doc() != kNoDoc; c.next_run()) {
        const DocOrdinal* docs = c.run_docs();
        const std::uint32_t* tfs = c.run_tfs();
        const std::uint32_t n = c.run_size();
        for (std::uint32_t i = 0; i < n; ++i) {
            const DocOrdinal d = docs[i];
            score[d] += scorer.score(d, tfs[i]);
            seen[d >> 6] |= std::uint64_t{1} << (d & 63);
        }
    }
}

}  // namespace

void accumulate_any(std::vector<QueryTerm>& terms, const DocFilter& filter, TopKHeap& heap) {
    if (terms.empty() || heap.capacity() == 0) return;
    thread_local Accumulators acc;
    std::size_t end = 0;
    for (QueryTerm& t : terms)
        for (std::size_t p = 0; p < t.cursor.parts(); ++p)
            end = std::max<std::size_t>(end, static_cast<std::size_t>(t.cursor.part_list(p).last_doc()) + 1);
    acc.fit(end);
    // Terms in plan order: each document's sum is canonical_sum's (absent terms add nothing).
    for (QueryTerm& t : terms) add_term(t.cursor, t.scorer, acc);
    const std::size_t words = (end + 63) / 64;
    for (std::size_t w = 0; w < words; ++w) {
        std::uint64_t bits = acc.seen[w];
        if (bits == 0) continue;
        acc.seen[w] = 0;
        while (bits != 0) {
            const auto d = static_cast<DocOrdinal>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
            bits &= bits - 1;
            // Ordinals come in increasing order, so a score tying the threshold cannot enter.
            if (acc.score[d] > heap.threshold() && filter.accept(d)) heap.push({d, acc.score[d]});
            acc.score[d] = 0.0f;
        }
    }
}

bool accumulators_pay(const std::vector<QueryTerm>& terms, std::size_t ordinals) {
    constexpr std::size_t kCachedOrdinals = std::size_t{1} << 17;
    if (ordinals <= kCachedOrdinals) return true;
    std::uint64_t postings = 0;
    for (const QueryTerm& t : terms) postings += t.cursor.size();
    return postings * 8 >= ordinals;
}

}  // namespace braid::lexical
