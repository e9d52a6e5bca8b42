// Expected numbers are worked out by hand from alpha * norm(lexical) + (1 - alpha) * norm(dense).
#include <catch2/catch.hpp>

#include <algorithm>

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "core/error.hpp"
#include "fusion/fusion.hpp"

using braid::DocOrdinal;
using braid::ScoredDoc;
using namespace braid::fusion;

namespace {

constexpr DocOrdinal A = 10, B = 20, C = 30, D = 40;

std::vector<DocOrdinal> order(const std::vector<FusedHit>& hits) {
    std::vector<DocOrdinal> docs;
    for (const auto& h : hits) docs.push_back(h.doc);
    return docs;
}

const FusedHit& hit_of(const std::vector<FusedHit>& hits, DocOrdinal doc) {
    return *std::find_if(hits.begin(), hits.end(), [doc](auto& h) { return h.doc == doc; });
}

}  // namespace

TEST_CASE("linear minmax fusion", "[fusion][linear]") {
    const std::vector<ScoredDoc> lexical{{A, 5.0f}, {B, 4.0f}, {C, 3.0f}};   // norm 1, 0.5, 0
    const std::vector<ScoredDoc> dense{{B, 0.75f}, {D, 0.5f}, {A, 0.25f}};  // norm 1, 0.5, 0
    const auto hits = linear(lexical, dense, LinearParams{.alpha = 0.7});
    // A: 0.7*1 + 0.3*0 = 0.7   B: 0.7*0.5 + 0.3*1 = 0.65   D: 0.3*0.5 = 0.15   C: 0.7*0 = 0
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B, D, C});
    CHECK(hits[0].score == Approx(0.7));
    CHECK(hits[1].score == Approx(0.65));
    CHECK(hits[2].score == Approx(0.15));
    CHECK(hits[3].score == 0.0);

    const FusedHit& b = hit_of(hits, B);
    CHECK(b.lexical->rank == 2);
    CHECK(b.lexical->score == 4.0f);
    CHECK(b.lexical->normalized == Approx(0.5));
    CHECK(b.lexical->contribution == Approx(0.35));
    CHECK(b.dense->rank == 1);
    CHECK(b.dense->normalized == Approx(1.0));
    CHECK(b.dense->contribution == Approx(0.3));
    CHECK_FALSE(hit_of(hits, D).lexical.has_value());
}

TEST_CASE("linear alpha 0 and 1 select one side", "[fusion][linear]") {
    const std::vector<ScoredDoc> lexical{{A, 5.0f}, {B, 4.0f}, {C, 3.0f}};
    const std::vector<ScoredDoc> dense{{C, 0.75f}, {B, 0.5f}, {A, 0.25f}};
    CHECK(order(linear(lexical, dense, LinearParams{.alpha = 1.0})) == std::vector<DocOrdinal>{A, B, C});
    CHECK(order(linear(lexical, dense, LinearParams{.alpha = 0.0})) == std::vector<DocOrdinal>{C, B, A});
}

TEST_CASE("linear zscore fusion uses the population standard deviation", "[fusion][linear]") {
    // lexical 3, 2, 1: mean 2, sd sqrt(2/3) = 0.8164966 -> z 1.2247449, 0, -1.2247449
    // dense 4, 2: mean 3, sd 1 -> z 1, -1
    const std::vector<ScoredDoc> lexical{{A, 3.0f}, {B, 2.0f}, {C, 1.0f}};
    const std::vector<ScoredDoc> dense{{B, 4.0f}, {D, 2.0f}};
    const auto hits = linear(lexical, dense, LinearParams{.alpha = 0.5, .normalization = Normalization::zscore});
    // A: 0.5*1.2247449 = 0.6123724   B: 0 + 0.5*1 = 0.5   D: 0.5*-1 = -0.5   C: -0.6123724
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B, D, C});
    CHECK(hits[0].score == Approx(0.6123724));
    CHECK(hits[1].score == Approx(0.5));
    CHECK(hits[2].score == Approx(-0.5));
    CHECK(hits[3].score == Approx(-0.6123724));
    CHECK(hit_of(hits, A).lexical->normalized == Approx(1.2247449));
    CHECK(hit_of(hits, C).lexical->normalized == Approx(-1.2247449));
}

TEST_CASE("linear normalizes over the window only", "[fusion][linear]") {
    // With window 2 the lexical window is A 10, B 6 -> norm 1, 0; C (2) is outside.
    // Dense window C 1.0, B 0.5 -> norm 1, 0; A is outside.
    const std::vector<ScoredDoc> lexical{{A, 10.0f}, {B, 6.0f}, {C, 2.0f}};
    const std::vector<ScoredDoc> dense{{C, 1.0f}, {B, 0.5f}, {A, 0.25f}};
    const auto hits = linear(lexical, dense, LinearParams{.alpha = 0.6, .window = 2});
    // A: 0.6*1 = 0.6   C: 0.4*1 = 0.4   B: 0
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, C, B});
    CHECK(hits[0].score == Approx(0.6));
    CHECK(hits[1].score == Approx(0.4));
    CHECK(hits[2].score == 0.0);
    CHECK_FALSE(hit_of(hits, A).dense.has_value());
    CHECK_FALSE(hit_of(hits, C).lexical.has_value());
}

TEST_CASE("linear minmax over equal scores gives 1", "[fusion][linear][ties]") {
    const std::vector<ScoredDoc> lexical{{B, 7.0f}, {A, 7.0f}};
    const std::vector<ScoredDoc> dense{{C, 3.0f}};
    const auto hits = linear(lexical, dense, LinearParams{.alpha = 0.5});
    // Every document: 0.5 * 1 = 0.5; ties by lower ordinal.
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B, C});
    for (const auto& h : hits) CHECK(h.score == Approx(0.5));
    CHECK(hit_of(hits, A).lexical->normalized == 1.0);
}

TEST_CASE("linear zscore with zero spread gives 0", "[fusion][linear][ties]") {
    const std::vector<ScoredDoc> lexical{{B, 2.0f}, {A, 2.0f}};
    const std::vector<ScoredDoc> dense{{C, 1.0f}};  // a single score has no spread either
    const auto hits = linear(lexical, dense, LinearParams{.normalization = Normalization::zscore});
    REQUIRE(order(hits) == std::vector<DocOrdinal>{A, B, C});
    for (const auto& h : hits) CHECK(h.score == 0.0);
    const TieBreak higher_first = [](DocOrdinal a, DocOrdinal b) { return a > b; };
    CHECK(order(linear(lexical, dense, LinearParams{.normalization = Normalization::zscore}, higher_first)) ==
          std::vector<DocOrdinal>{C, B, A});
}

TEST_CASE("linear with one side empty", "[fusion][linear]") {
    const std::vector<ScoredDoc> dense{{B, 0.75f}, {D, 0.5f}, {A, 0.25f}};
    const auto hits = linear({}, dense, LinearParams{.alpha = 0.25});
    // 0.75 * (1, 0.5, 0)
    REQUIRE(order(hits) == std::vector<DocOrdinal>{B, D, A});
    CHECK(hits[0].score == Approx(0.75));
    CHECK(hits[1].score == Approx(0.375));
    CHECK(hits[2].score == 0.0);
    CHECK(linear({}, {}, LinearParams{}).empty());
}

TEST_CASE("linear output is NaN-free even for non-finite inputs", "[fusion][linear]") {
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<ScoredDoc> lexical{{A, inf}, {B, 4.0f}, {C, nan}, {D, 2.0f}};
    const std::vector<ScoredDoc> dense{{B, -inf}, {D, 1e38f}, {A, -1e38f}};
    for (Normalization n : {Normalization::minmax, Normalization::zscore}) {
        const auto hits = linear(lexical, dense, LinearParams{.normalization = n});
        REQUIRE(hits.size() == 4);
        for (const auto& h : hits) {
            CHECK(std::isfinite(h.score));
            if (h.lexical) CHECK(std::isfinite(h.lexical->normalized));
            if (h.dense) CHECK(std::isfinite(h.dense->normalized));
        }
    }
    // minmax: inf clamps to the highest finite (4) and NaN to the lowest (2): A 1, B 1, C 0, D 0.
    const auto mm = linear(lexical, {}, LinearParams{.alpha = 1.0});
    CHECK(hit_of(mm, A).score == 1.0);
    CHECK(hit_of(mm, B).score == 1.0);
    CHECK(hit_of(mm, C).score == 0.0);
}

TEST_CASE("fusion of random lists: union, ordering and finiteness", "[fusion][property]") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<DocOrdinal> doc(0, 60);
    std::normal_distribution<float> score(0.0f, 5.0f);
    for (int round = 0; round < 200; ++round) {
        std::vector<ScoredDoc> lexical, dense;
        for (int i = 0; i < 40; ++i) lexical.push_back({doc(rng), score(rng)});
        for (int i = 0; i < 40; ++i) dense.push_back({doc(rng), score(rng)});
        std::sort(lexical.begin(), lexical.end(), braid::ranks_before);
        std::sort(dense.begin(), dense.end(), braid::ranks_before);
        const std::size_t window = 1 + round % 40;
        std::set<DocOrdinal> expected;
        for (std::size_t i = 0; i < window; ++i) {
            expected.insert(lexical[i].doc);
            expected.insert(dense[i].doc);
        }
        const auto check_hits = [&](const std::vector<FusedHit>& hits) {
            const auto docs = order(hits);
            REQUIRE(std::set<DocOrdinal>(docs.begin(), docs.end()) == expected);
            REQUIRE(docs.size() == expected.size());
            for (std::size_t i = 0; i + 1 < hits.size(); ++i) {
                REQUIRE(std::isfinite(hits[i].score));
                const bool ordered = hits[i].score > hits[i + 1].score ||
                                     (hits[i].score == hits[i + 1].score && hits[i].doc < hits[i + 1].doc);
                REQUIRE(ordered);
            }
        };
        check_hits(rrf(lexical, dense, RrfParams{.window = window}));
        check_hits(linear(lexical, dense, LinearParams{.alpha = 0.3, .window = window}));
        check_hits(linear(lexical, dense,
                          LinearParams{.normalization = Normalization::zscore, .window = window}));
    }
}

TEST_CASE("linear rejects alpha outside [0, 1]", "[fusion][linear]") {
    CHECK_THROWS_AS(linear({}, {}, LinearParams{.alpha = 1.5}), braid::Error);
    CHECK_THROWS_AS(linear({}, {}, LinearParams{.alpha = -0.1}), braid::Error);
    CHECK_NOTHROW(linear({}, {}, LinearParams{.alpha = 1.0}));
}

TEST_CASE("linear zscore of many equal scores gives 0 despite a rounded mean", "[fusion][linear][ties]") {
    // Found over HTTP (tests/e2e/hybrid_oracle_e2e_test.cpp): twenty equal BM25 scores, whose mean
    // summed as s / n is off by an ulp, came out as z = +1 each instead of 0.
    std::vector<ScoredDoc> lexical;
    for (DocOrdinal d = 0; d < 20; ++d) lexical.push_back({d, 8.462132886052132e-3f});
    const auto hits = linear(lexical, {}, LinearParams{.alpha = 1.0, .normalization = Normalization::zscore});
    REQUIRE(hits.size() == 20);
    for (const auto& h : hits) CHECK(h.score == 0.0);
}
