#include <algorithm>
#include <array>
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
    std::vector<ScoredDoc> matched;
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

// A float's bits, with the sign's order fixed (negatives flipped), order as the float does: the
// top 11 bits (sign, exponent, two bits of mantissa) bucket a score to within 25%.
constexpr std::uint32_t kScoreBuckets = 2048;
std::uint32_t score_bucket(float s) {
    const auto bits = std::bit_cast<std::uint32_t>(s + 0.0f);  // -0 as +0: they tie
    return ((bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u) >> 21;
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
    // Selection without a heap (whose sifts mispredict): the accepted documents and a histogram
    // of their scores' top bits; the bucket holding the k-th best score bounds who can be in the
    // top k, and only those few are ordered.
    const std::size_t k = heap.capacity();
    std::vector<ScoredDoc>& matched = acc.matched;
    matched.clear();
    std::array<std::uint32_t, kScoreBuckets> histogram{};
    const std::size_t words = (end + 63) / 64;
    for (std::size_t w = 0; w < words; ++w) {
        std::uint64_t bits = acc.seen[w];
        if (bits == 0) continue;
        acc.seen[w] = 0;
        while (bits != 0) {
            const auto d = static_cast<DocOrdinal>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
            bits &= bits - 1;
            const float s = acc.score[d];
            acc.score[d] = 0.0f;
            if (!filter.accept(d)) continue;
            matched.push_back({d, s});
            ++histogram[score_bucket(s)];
        }
    }
    if (matched.size() > k) {
        std::uint32_t lowest = kScoreBuckets - 1;
        for (std::size_t above = histogram[lowest]; above < k;) above += histogram[--lowest];
        std::size_t kept = 0;
        for (const ScoredDoc& m : matched) {
            matched[kept] = m;
            kept += score_bucket(m.score) >= lowest ? 1 : 0;
        }
        matched.resize(kept);
        std::nth_element(matched.begin(), matched.begin() + static_cast<std::ptrdiff_t>(k - 1), matched.end(),
                         RanksBefore{});
        matched.resize(k);
    }
    for (const ScoredDoc& m : matched) heap.push(m);
}

bool accumulators_pay(const std::vector<QueryTerm>& terms, std::size_t ordinals) {
    constexpr std::size_t kCachedOrdinals = std::size_t{1} << 17;
    if (ordinals <= kCachedOrdinals) return true;
    std::uint64_t postings = 0;
    for (const QueryTerm& t : terms) postings += t.cursor.size();
    return postings * 8 >= ordinals;
}

}  // namespace braid::lexical
