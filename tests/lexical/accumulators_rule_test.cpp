#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "lexical/bm25_scorer.hpp"
#include "lexical/query_plan.hpp"

using namespace braid;
using namespace braid::lexical;

namespace {

// A list of `postings` postings on every other ordinal (tf 1), sealed block by block.
PostingList list_of(std::uint32_t postings) {
    PostingList list;
    for (std::uint32_t i = 0; i < postings; ++i) {
        list.append(2 * i, 1);
        if (list.tail_full()) list.seal_tail(1.0f, 1.0f);
    }
    return list;
}

}  // namespace

TEST_CASE("accumulators are chosen while they fit the cache or when postings cover an eighth of the ordinals",
          "[lexical][accumulate]") {
    const std::vector<std::uint32_t> lengths(1, 1);
    const Bm25TermScorer scorer(Bm25Params{}, 1.0f, 1.0f, 1.0f, lengths.data());
    auto terms_over = [&](const std::vector<const PostingList*>& lists) {
        std::vector<QueryTerm> terms;
        for (const PostingList* l : lists) terms.emplace_back(*l, scorer, 1.0f, 1.0f, 0, TermSource{});
        return terms;
    };
    const PostingList one = list_of(1);
    constexpr std::size_t cached = std::size_t{1} << 17;
    // Up to 2^17 ordinals: always, even for one posting.
    CHECK(accumulators_pay(terms_over({&one}), cached));
    CHECK(accumulators_pay(terms_over({&one}), 1000));
    // Beyond: the postings of all terms together against an eighth of the ordinals.
    const std::size_t ordinals = 8 * 20000;
    const PostingList half_a = list_of(10000), half_b = list_of(10000), short_b = list_of(9999);
    CHECK(accumulators_pay(terms_over({&half_a, &half_b}), ordinals));
    CHECK_FALSE(accumulators_pay(terms_over({&half_a, &short_b}), ordinals));
    CHECK_FALSE(accumulators_pay(terms_over({&one}), cached + 1));
}
