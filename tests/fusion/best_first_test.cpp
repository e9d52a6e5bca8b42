// A page's fusion ranks only its best `offset + k` hits: they must be the full ranking's first,
// in the same order, with the same scores, whatever the ties.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <unordered_map>

#include "fusion/best_first.hpp"
#include "fusion/doc_positions.hpp"
#include "fusion/fusion.hpp"

using braid::DocOrdinal;
using braid::ScoredDoc;
using namespace braid::fusion;

namespace {

// Hits with scores drawn from a few values (many ties), distinct documents in random order.
std::vector<FusedHit> random_hits(std::mt19937& rng, std::size_t n, int distinct_scores) {
    std::vector<DocOrdinal> docs(n);
    for (std::size_t i = 0; i < n; ++i) docs[i] = static_cast<DocOrdinal>(i * 7 + 3);
    std::shuffle(docs.begin(), docs.end(), rng);
    std::uniform_int_distribution<int> score(0, distinct_scores - 1);
    std::vector<FusedHit> hits;
    for (DocOrdinal doc : docs) {
        FusedHit hit;
        hit.doc = doc;
        hit.score = score(rng) / 8.0;
        hit.lexical = SideContribution{static_cast<std::uint32_t>(doc), 1.0f, hit.score, hit.score};
        hits.push_back(hit);
    }
    return hits;
}

// The reference: a full sort with the documented order, no selection.
std::vector<FusedHit> fully_sorted(std::vector<FusedHit> hits, const TieBreak& tie_break) {
    std::sort(hits.begin(), hits.end(), [&](const FusedHit& a, const FusedHit& b) {
        if (a.score != b.score) return a.score > b.score;
        return tie_break ? tie_break(a.doc, b.doc) : a.doc < b.doc;
    });
    return hits;
}

void require_same(const std::vector<FusedHit>& got, const std::vector<FusedHit>& expected) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("position " << i);
        REQUIRE(got[i].doc == expected[i].doc);
        REQUIRE(got[i].score == expected[i].score);
        REQUIRE(got[i].lexical.has_value());
        REQUIRE(got[i].lexical->rank == expected[i].lexical->rank);
    }
}

}  // namespace

TEST_CASE("best_first gives the full ranking's first hits, ties included", "[fusion]") {
    std::mt19937 rng(12);
    // A tie-break other than the ordinal's: by a scrambled key, as ids scramble ordinals.
    const TieBreak scrambled = [](DocOrdinal a, DocOrdinal b) { return (a * 2654435761u) < (b * 2654435761u); };
    for (int round = 0; round < 300; ++round) {
        const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 120)(rng);
        const int distinct = std::uniform_int_distribution<int>(1, 12)(rng);
        const auto hits = random_hits(rng, n, distinct);
        const TieBreak& tie_break = round % 2 ? scrambled : TieBreak{};
        const auto full = fully_sorted(hits, tie_break);
        for (std::size_t best : {std::size_t{0}, std::size_t{1}, std::size_t{5}, n / 2, n > 0 ? n - 1 : 0, n, n + 3,
                                 kAllHits}) {
            INFO("round " << round << ", " << n << " hits, " << distinct << " scores, best " << best);
            auto expected = full;
            if (best < expected.size()) expected.resize(best);
            require_same(best_first(std::vector<FusedHit>(hits), best, tie_break), expected);
        }
    }
}

TEST_CASE("rrf and linear asked for their best hits give the full ranking's first", "[fusion]") {
    std::mt19937 rng(5);
    for (int round = 0; round < 100; ++round) {
        // Two windows over a small pool of documents: overlaps, and equal ranks that tie in rrf.
        std::vector<ScoredDoc> lexical, dense;
        std::uniform_int_distribution<DocOrdinal> doc(0, 80);
        std::uniform_int_distribution<int> score(0, 6);
        for (int i = 0; i < 40; ++i) lexical.push_back(ScoredDoc{doc(rng), static_cast<float>(score(rng))});
        for (int i = 0; i < 40; ++i) dense.push_back(ScoredDoc{doc(rng), static_cast<float>(score(rng)) / 7.0f});
        const auto by_score = [](const ScoredDoc& a, const ScoredDoc& b) { return a.score > b.score; };
        std::stable_sort(lexical.begin(), lexical.end(), by_score);
        std::stable_sort(dense.begin(), dense.end(), by_score);
        const FusionParams rrf_params = RrfParams{.k = 60, .window = 30};
        const FusionParams linear_params = LinearParams{.alpha = 0.4, .window = 35};
        for (const FusionParams& params : {rrf_params, linear_params}) {
            const auto full = fuse(lexical, dense, params);
            for (std::size_t best : {std::size_t{1}, std::size_t{10}, std::size_t{25}, full.size(), full.size() + 1}) {
                INFO("round " << round << ", best " << best);
                const auto page = fuse(lexical, dense, params, {}, best);
                REQUIRE(page.size() == std::min(best, full.size()));
                for (std::size_t i = 0; i < page.size(); ++i) {
                    REQUIRE(page[i].doc == full[i].doc);
                    REQUIRE(page[i].score == full[i].score);
                    REQUIRE(page[i].lexical.has_value() == full[i].lexical.has_value());
                    REQUIRE(page[i].dense.has_value() == full[i].dense.has_value());
                }
            }
        }
    }
}

TEST_CASE("DocPositions keeps each document's first position, growing past its expected size", "[fusion]") {
    std::mt19937 rng(7);
    for (std::size_t expected : {std::size_t{0}, std::size_t{4}, std::size_t{200}}) {
        DocPositions positions(expected);
        std::unordered_map<DocOrdinal, std::uint32_t> reference;
        // Consecutive ordinals, spread ones, and the largest: the hash must tell them all apart.
        std::vector<DocOrdinal> docs;
        for (DocOrdinal d = 0; d < 300; ++d) docs.push_back(d);
        for (int i = 0; i < 300; ++i) docs.push_back(std::uniform_int_distribution<DocOrdinal>(0, 0xFFFFFFFEu)(rng));
        docs.push_back(0xFFFFFFFEu);
        for (int repeat = 0; repeat < 2; ++repeat) {
            for (DocOrdinal d : docs) {
                const auto next = static_cast<std::uint32_t>(reference.size());
                const auto [it, inserted] = reference.try_emplace(d, next);
                INFO("expected " << expected << ", doc " << d);
                REQUIRE(positions.find_or_insert(d, next) == it->second);
            }
            std::shuffle(docs.begin(), docs.end(), rng);
        }
        REQUIRE(positions.size() == reference.size());
    }
}
