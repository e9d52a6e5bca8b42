#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "lexical/lexical_index.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;
using braid::lexical::test::query_of;
using braid::lexical::test::tokens;

namespace {

constexpr std::size_t kShards = 3;

std::string term_name(std::size_t n) {
    std::string term = "t";
    term += std::to_string(n);
    return term;
}

std::vector<std::string> random_terms(std::mt19937& rng, std::size_t vocabulary, std::size_t max_len) {
    std::uniform_int_distribution<std::size_t> len(0, max_len);
    // Squared uniform: low term numbers are frequent, high ones rare (dfs vary by orders).
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<std::string> out(len(rng));
    for (auto& t : out) t = term_name(static_cast<std::size_t>(u(rng) * u(rng) * static_cast<double>(vocabulary)));
    return out;
}

// One index holding every document and kShards indexes each holding every kShards-th one, under
// the same ordinals (so ties break the same way in both).
struct Corpus {
    LexicalIndex whole;
    std::vector<LexicalIndex> shards;
};

Corpus build(std::mt19937& rng, std::size_t docs, const std::vector<std::string>& fields, std::size_t vocabulary) {
    Corpus c{LexicalIndex(fields, Bm25Params{}), {}};
    for (std::size_t s = 0; s < kShards; ++s) c.shards.emplace_back(fields, Bm25Params{});
    for (std::size_t d = 0; d < docs; ++d) {
        std::vector<FieldTokens> doc;
        for (const auto& f : fields) doc.push_back({f, tokens(random_terms(rng, vocabulary, 40))});
        const auto ordinal = static_cast<DocOrdinal>(d);
        c.whole.add(ordinal, doc);
        c.shards[d % kShards].add(ordinal, doc);
    }
    // Some deletions, so statistics must count live documents only on both sides.
    for (std::size_t d = 0; d < docs; d += 17) {
        c.whole.remove(static_cast<DocOrdinal>(d));
        c.shards[d % kShards].remove(static_cast<DocOrdinal>(d));
    }
    return c;
}

// What a coordinator does: sum the shards' statistics, search each with them, merge by score
// (ties to the lower ordinal), keep k.
std::vector<ScoredDoc> sharded_search(const Corpus& c, LexicalQuery query) {
    CorpusStatistics global;
    for (const auto& shard : c.shards) global.add(shard.statistics(query));
    query.global = &global;
    std::vector<ScoredDoc> all;
    for (const auto& shard : c.shards) {
        const auto hits = shard.search(query);
        all.insert(all.end(), hits.begin(), hits.end());
    }
    std::sort(all.begin(), all.end(), [](const ScoredDoc& a, const ScoredDoc& b) {
        return a.score != b.score ? a.score > b.score : a.doc < b.doc;
    });
    if (all.size() > query.k) all.resize(query.k);
    return all;
}

}  // namespace

TEST_CASE("global statistics: shards searched with summed statistics rank and score as one index", "[lexical][shards]") {
    std::mt19937 rng(1616);
    const std::vector<std::string> fields{"title", "text"};
    // Enough documents that posting lists seal blocks (128), so block-max pruning runs under
    // statistics other than the ones each block was sealed with.
    const Corpus c = build(rng, 3000, fields, 400);
    std::uniform_int_distribution<std::size_t> nterms(1, 5);
    std::uniform_int_distribution<std::size_t> kdist(1, 40);
    for (int q = 0; q < 300; ++q) {
        std::vector<std::string> terms(nterms(rng));
        for (auto& t : terms) t = term_name(rng() % 400);
        std::vector<FieldQuery> fq;
        switch (q % 3) {
            case 0: fq = {{std::string(kCombinedField), 1.0f, terms}}; break;
            case 1: fq = {{"title", 2.0f, terms}, {"text", 1.0f, terms}}; break;
            default: fq = {{"text", 0.5f, terms}}; break;
        }
        const LexicalQuery query = query_of(fq, q % 4 == 0 ? Operator::all : Operator::any, kdist(rng));
        const auto expected = c.whole.search(query);
        const auto got = sharded_search(c, query);
        INFO("query " << q);
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            INFO("rank " << i);
            REQUIRE(got[i].doc == expected[i].doc);
            REQUIRE(got[i].score == expected[i].score);  // the same float inputs: bit-identical
        }
    }
}

TEST_CASE("global statistics: explain on a shard shows the global df, idf and avgdl", "[lexical][shards]") {
    std::mt19937 rng(7);
    const Corpus c = build(rng, 600, {"text"}, 50);
    LexicalQuery query = query_of({{"text", 1.0f, {"t1", "t7"}}});
    const auto expected_hits = c.whole.search(query);
    REQUIRE(!expected_hits.empty());
    const DocOrdinal doc = expected_hits.front().doc;
    const auto expected = c.whole.explain(query, doc);

    CorpusStatistics global;
    for (const auto& shard : c.shards) global.add(shard.statistics(query));
    query.global = &global;
    const auto got = c.shards[doc % kShards].explain(query, doc);
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].df == expected[i].df);
        CHECK(got[i].idf == expected[i].idf);
        CHECK(got[i].avg_field_length == expected[i].avg_field_length);
        CHECK(got[i].score == expected[i].score);
    }
    // Without global statistics the shard scores with its own, which differ.
    query.global = nullptr;
    const auto local = c.shards[doc % kShards].explain(query, doc);
    REQUIRE(!local.empty());
    CHECK(local.front().df != expected.front().df);
}

TEST_CASE("global statistics: an unknown field is named", "[lexical][shards]") {
    const LexicalIndex index({"text"}, Bm25Params{});
    CHECK_THROWS_AS(index.statistics(query_of({{"nope", 1.0f, {"a"}}})), Error);
}
