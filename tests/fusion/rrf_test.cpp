// Expected numbers are worked out by hand from score = sum of w / (k + rank).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "fusion/fusion.hpp"

using braid::DocOrdinal;
using braid::ScoredDoc;
using namespace braid::fusion;

namespace {

constexpr DocOrdinal A = 10, B = 20, C = 30, D = 40;

// lexical: A, B, C   dense: B, D, A
const std::vector<ScoredDoc> kLexical{{A, 5.0f}, {B, 4.0f}, {C, 3.0f}};
const std::vector<ScoredDoc> kDense{{B, 0.75f}, {D, 0.5f}, {A, 0.25f}};

std::vector<DocOrdinal> order(const std::vector<FusedHit>& hits) {
    std::vector<DocOrdinal> docs;
    for (const auto& h : hits) docs.push_back(h.doc);
    return docs;
}

}  // namespace

TEST_CASE("rrf with k = 0 sums reciprocal ranks", "[fusion][rrf]") {
    const auto hits = rrf(kLexical, kDense, RrfParams{.k = 0});
    // A: 1/1 + 1/3 = 4/3   B: 1/2 + 1/1 = 3/2   C: 1/3   D: 1/2
    REQUIRE(order(hits) == std::vector<DocOrdinal>{B, A, D, C});
    CHECK(hits[0].score == Approx(1.5));
    CHECK(hits[1].score == Approx(4.0 / 3.0));
    CHECK(hits[2].score == Approx(0.5));
    CHECK(hits[3].score == Approx(1.0 / 3.0));
}

TEST_CASE("rrf with the default k = 60", "[fusion][rrf]") {
    const auto hits = rrf(kLexical, kDense, RrfParams{});
    // B: 1/62 + 1/61 = 0.0325224749   A: 1/61 + 1/63 = 0.0322664585
    // D: 1/62 = 0.0161290323          C: 1/63 = 0.0158730159
    REQUIRE(order(hits) == std::vector<DocOrdinal>{B, A, D, C});
    CHECK(hits[0].score == Approx(0.0325224749).epsilon(1e-8));
    CHECK(hits[1].score == Approx(0.0322664585).epsilon(1e-8));
    CHECK(hits[2].score == Approx(0.0161290323).epsilon(1e-8));
    CHECK(hits[3].score == Approx(0.0158730159).epsilon(1e-8));
}

TEST_CASE("rrf explains each side's rank, raw score and contribution", "[fusion][rrf]") {
    const auto hits = rrf(kLexical, kDense, RrfParams{.k = 60, .lexical_weight = 2.0});
    const FusedHit& b = *std::find_if(hits.begin(), hits.end(), [](auto& h) { return h.doc == B; });
    REQUIRE(b.lexical.has_value());
    REQUIRE(b.dense.has_value());
    CHECK(b.lexical->rank == 2);
    CHECK(b.lexical->score == 4.0f);
    CHECK(b.lexical->normalized == Approx(1.0 / 62));
    CHECK(b.lexical->contribution == Approx(2.0 / 62));
    CHECK(b.dense->rank == 1);
    CHECK(b.dense->score == 0.75f);
    CHECK(b.dense->contribution == Approx(1.0 / 61));
    CHECK(b.score == Approx(2.0 / 62 + 1.0 / 61));

    const FusedHit& c = *std::find_if(hits.begin(), hits.end(), [](auto& h) { return h.doc == C; });
    CHECK(c.lexical.has_value());
    CHECK_FALSE(c.dense.has_value());
}

TEST_CASE("rrf weights change the order", "[fusion][rrf]") {
    const auto hits = rrf(kLexical, kDense, RrfParams{.k = 0, .lexical_weight = 2.0, .dense_weight = 1.0});
    // A: 2/1 + 1/3 = 7/3   B: 2/2 + 1/1 = 2   C: 2/3   D: 1/2
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B, C, D});
    CHECK(hits[0].score == Approx(7.0 / 3.0));
    CHECK(hits[1].score == Approx(2.0));
    CHECK(hits[2].score == Approx(2.0 / 3.0));
    CHECK(hits[3].score == Approx(0.5));

    const auto dense_only = rrf(kLexical, kDense, RrfParams{.k = 0, .lexical_weight = 0.0});
    // Lexical contributes nothing: B 1, D 1/2, A 1/3, C 0.
    REQUIRE(order(dense_only) == std::vector<DocOrdinal>{B, D, A, C});
    CHECK(dense_only[3].score == 0.0);
}

TEST_CASE("rrf takes only the first `window` entries of each side", "[fusion][rrf]") {
    const auto hits = rrf(kLexical, kDense, RrfParams{.k = 0, .window = 2});
    // lexical window A, B; dense window B, D. A: 1   B: 1/2 + 1 = 3/2   D: 1/2; C is outside.
    REQUIRE(order(hits) == std::vector<DocOrdinal>{B, A, D});
    CHECK(hits[0].score == Approx(1.5));
    CHECK(hits[1].score == Approx(1.0));
    CHECK_FALSE(hits[1].dense.has_value());  // A was third on the dense side: cut by the window
    CHECK(hits[2].score == Approx(0.5));

    CHECK(rrf(kLexical, kDense, RrfParams{.window = 0}).empty());
}

TEST_CASE("rrf with one side empty ranks the other side alone", "[fusion][rrf]") {
    const auto hits = rrf(kLexical, {}, RrfParams{});
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B, C});
    CHECK(hits[0].score == Approx(1.0 / 61));
    CHECK(hits[1].score == Approx(1.0 / 62));
    CHECK(hits[2].score == Approx(1.0 / 63));
    for (const auto& h : hits) CHECK_FALSE(h.dense.has_value());

    const auto dense_only = rrf({}, kDense, RrfParams{});
    REQUIRE(order(dense_only) == std::vector<DocOrdinal>{B, D, A});
    CHECK(rrf({}, {}, RrfParams{}).empty());
}

TEST_CASE("rrf breaks ties by lower ordinal unless told otherwise", "[fusion][rrf][ties]") {
    // 10 is first lexically, 5 first densely: both 1/61.
    const std::vector<ScoredDoc> lexical{{10, 3.0f}};
    const std::vector<ScoredDoc> dense{{5, 0.5f}};
    REQUIRE(order(rrf(lexical, dense, RrfParams{})) == std::vector<DocOrdinal>{5, 10});
    const TieBreak higher_first = [](DocOrdinal a, DocOrdinal b) { return a > b; };
    REQUIRE(order(rrf(lexical, dense, RrfParams{}, higher_first)) == std::vector<DocOrdinal>{10, 5});

    // Mirror ranks give bit-identical sums (1/61 + 1/62 both ways), so the tie-break decides.
    const std::vector<ScoredDoc> l2{{20, 9.0f}, {10, 8.0f}};
    const std::vector<ScoredDoc> d2{{10, 0.9f}, {20, 0.8f}};
    const auto mirrored = rrf(l2, d2, RrfParams{});
    REQUIRE(mirrored[0].score == mirrored[1].score);
    REQUIRE(order(mirrored) == std::vector<DocOrdinal>{10, 20});
}

TEST_CASE("rrf counts a document repeated on one side once, at its best rank", "[fusion][rrf]") {
    const std::vector<ScoredDoc> lexical{{A, 3.0f}, {A, 2.0f}, {B, 1.0f}};
    const auto hits = rrf(lexical, {}, RrfParams{.k = 0});
    // A rank 1 -> 1; B keeps its position rank 3 -> 1/3.
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B});
    CHECK(hits[0].score == Approx(1.0));
    CHECK(hits[1].lexical->rank == 3);
    CHECK(hits[1].score == Approx(1.0 / 3.0));
}

TEST_CASE("rrf rejects parameters that make scores meaningless", "[fusion][rrf]") {
    CHECK_THROWS_AS(rrf(kLexical, kDense, RrfParams{.k = -1}), braid::Error);
    CHECK_THROWS_AS(rrf(kLexical, kDense, RrfParams{.lexical_weight = -0.5}), braid::Error);
    CHECK_THROWS_AS(rrf(kLexical, kDense, RrfParams{.dense_weight = std::nan("")}), braid::Error);
    try {
        rrf(kLexical, kDense, RrfParams{.k = -3});
        FAIL("expected an error");
    } catch (const braid::Error& e) {
        CHECK(e.kind() == braid::ErrorKind::invalid_argument);
        CHECK(e.path() == "fusion.k");
    }
}
