#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.hpp"
#include "lexical/lexical_index.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;
using braid::lexical::test::query_of;
using braid::lexical::test::words;

// Corpus: d0 "a b c" (dl 3), d1 "a a d" (dl 3), d2 "b e f g h i" (dl 6); N = 3, avgdl = 4,
// k1 = 0.9, b = 0.4. Values computed by hand (Python, double precision):
//   idf(a) = idf(b) = ln(1 + 1.5 / 2.5) = ln 1.6 = 0.4700036292
//   d0 "a": 0.4700036 * 1 / (1 + 0.9 (0.6 + 0.4 * 3 / 4)) = 0.2596705134
//   d1 "a": 0.4700036 * 2 / (2 + 0.81)                       = 0.3345221560
//   d2 "b": 0.4700036 * 1 / (1 + 0.9 (0.6 + 0.4 * 6 / 4))    = 0.2259632833
static LexicalIndex tiny_index() {
    LexicalIndex index({"text"}, Bm25Params{0.9f, 0.4f});
    index.add(0, {{"text", words("a b c")}});
    index.add(1, {{"text", words("a a d")}});
    index.add(2, {{"text", words("b e f g h i")}});
    return index;
}

TEST_CASE("BM25 matches hand-computed Lucene scores", "[lexical][bm25]") {
    const LexicalIndex index = tiny_index();
    auto hits = index.search(query_of({{"text", 1.0f, {"a"}}}));
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].doc == 1);
    CHECK(hits[0].score == Approx(0.3345221560).epsilon(1e-6));
    CHECK(hits[1].doc == 0);
    CHECK(hits[1].score == Approx(0.2596705134).epsilon(1e-6));

    hits = index.search(query_of({{"text", 1.0f, {"a", "b", "a"}}}));  // duplicate "a" counts once
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].doc == 0);
    CHECK(hits[0].score == Approx(0.5193410268).epsilon(1e-6));
    CHECK(hits[1].doc == 1);
    CHECK(hits[2].doc == 2);
    CHECK(hits[2].score == Approx(0.2259632833).epsilon(1e-6));
}

TEST_CASE("The combined field of a one-field index is that field - boosts multiply", "[lexical][bm25]") {
    const LexicalIndex index = tiny_index();
    auto hits = index.search(query_of({{std::string(kCombinedField), 2.5f, {"a"}}}));
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].score == Approx(2.5 * 0.3345221560).epsilon(1e-6));
}

TEST_CASE("AND requires every distinct term", "[lexical][bm25]") {
    const LexicalIndex index = tiny_index();
    auto hits = index.search(query_of({{"text", 1.0f, {"a", "b"}}}, Operator::all));
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].doc == 0);
    CHECK(hits[0].score == Approx(0.5193410268).epsilon(1e-6));
    CHECK(index.search(query_of({{"text", 1.0f, {"a", "zzz"}}}, Operator::all)).empty());
    CHECK(index.search(query_of({{"text", 1.0f, {"a", "zzz"}}}, Operator::any)).size() == 2);
}

TEST_CASE("Multi-field: combined field sums title and text - per-field BM25 sums with boosts", "[lexical][bm25]") {
    LexicalIndex index({"title", "text"}, Bm25Params{});
    index.add(0, {{"title", words("x y")}, {"text", words("a b c")}});
    index.add(1, {{"title", words("a")}, {"text", words("a a d")}});
    index.add(2, {{"text", words("b e f g h i")}});
    // Combined: d0 "x y a b c" (5), d1 "a a a d" (4), d2 6 tokens; avgdl 5, N 3, df(a) = 2.
    auto hits = index.search(query_of({{"*", 1.0f, {"a"}}}));
    REQUIRE(hits.size() == 2);
    const double idf = std::log(1.6);
    CHECK(hits[0].doc == 1);
    CHECK(hits[0].score == Approx(idf * 3 / (3 + 0.9 * (0.6 + 0.4 * 4 / 5.0))).epsilon(1e-6));
    // title: N = 2 (d2 has no title), avgdl 1.5, df(a) = 1; text as before.
    hits = index.search(query_of({{"title", 2.0f, {"a"}}, {"text", 1.0f, {"a"}}}));
    REQUIRE(hits.size() == 2);
    const double title_part = 2.0 * std::log(1 + 1.5 / 1.5) * 1 / (1 + 0.9 * (0.6 + 0.4 * 1 / 1.5));
    CHECK(hits[0].doc == 1);
    CHECK(hits[0].score == Approx(title_part + 0.3345221560).epsilon(1e-6));

    const auto expl = index.explain(query_of({{"title", 2.0f, {"a"}}, {"text", 1.0f, {"a"}}}), 1);
    REQUIRE(expl.size() == 2);
    CHECK(expl[0].field == "title");
    CHECK(expl[0].tf == 1);
    CHECK(expl[0].df == 1);
    CHECK(expl[0].field_length == 1);
    CHECK(expl[0].avg_field_length == Approx(1.5));
    CHECK(expl[0].boost == 2.0f);
    CHECK(expl[0].score == Approx(title_part).epsilon(1e-6));
    CHECK(expl[1].tf == 2);
    CHECK(expl[0].score + expl[1].score == Approx(hits[0].score).epsilon(1e-6));
}

TEST_CASE("Bad requests are invalid_argument errors", "[lexical]") {
    LexicalIndex index = tiny_index();
    try {
        index.search(query_of({{"nope", 1.0f, {"a"}}}));
        FAIL("unknown field accepted");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::invalid_argument);
    }
    CHECK_THROWS_AS(index.search(query_of({{"text", -1.0f, {"a"}}})), Error);
    CHECK_THROWS_AS(index.add(1, {{"text", words("late")}}), Error);  // not above ordinal 2
    CHECK_THROWS_AS(index.add(7, {{"body", words("x")}}), Error);
    CHECK_FALSE(index.contains(7));
}

TEST_CASE("The allowed bitset filters results", "[lexical]") {
    const LexicalIndex index = tiny_index();
    Bitset allowed(3);
    allowed.set(0);
    auto q = query_of({{"text", 1.0f, {"a", "b"}}});
    q.allowed = &allowed;
    auto hits = index.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].doc == 0);
}
