#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "core/top_k.hpp"

using braid::ScoredDoc;
using braid::TopKHeap;

TEST_CASE("TopKHeap keeps the k best, best first, ties by lower ordinal", "[core]") {
    TopKHeap heap(3);
    for (auto d : {ScoredDoc{5, 1.0f}, ScoredDoc{1, 3.0f}, ScoredDoc{2, 2.0f}, ScoredDoc{9, 3.0f},
                   ScoredDoc{3, 0.5f}, ScoredDoc{0, 2.0f}}) {
        heap.push(d);
    }
    const auto out = heap.take_sorted();
    REQUIRE(out == std::vector<ScoredDoc>{{1, 3.0f}, {9, 3.0f}, {0, 2.0f}});
}

TEST_CASE("TopKHeap threshold is the lowest kept score once full", "[core]") {
    TopKHeap heap(2);
    heap.push({1, 4.0f});
    REQUIRE_FALSE(heap.full());
    REQUIRE(heap.threshold() < -1e30f);
    heap.push({2, 1.0f});
    REQUIRE(heap.threshold() == 1.0f);
    REQUIRE(heap.push({3, 2.0f}));
    REQUIRE(heap.threshold() == 2.0f);
    REQUIRE_FALSE(heap.push({4, 1.5f}));
}

TEST_CASE("TopKHeap with k = 0 keeps nothing", "[core]") {
    TopKHeap heap(0);
    REQUIRE_FALSE(heap.push({1, 1.0f}));
    REQUIRE(heap.take_sorted().empty());
}

// The expected answer is built without the implementation's comparator: scores are small
// integers, so walk them from the highest down and, within one score, the ordinals upwards.
// That is the documented order (higher score first, ties by lower ordinal) spelled out.
namespace {

std::vector<ScoredDoc> best_by_counting(const std::vector<ScoredDoc>& all, int max_score, std::size_t k) {
    std::vector<ScoredDoc> out;
    for (int s = max_score; s >= 0 && out.size() < k; --s) {
        std::vector<braid::DocOrdinal> with_score;
        for (const auto& d : all) {
            if (d.score == static_cast<float>(s)) with_score.push_back(d.doc);
        }
        std::sort(with_score.begin(), with_score.end());  // plain integer order
        for (const auto doc : with_score) {
            if (out.size() == k) break;
            out.push_back({doc, static_cast<float>(s)});
        }
    }
    return out;
}

}  // namespace

TEST_CASE("TopKHeap matches the order rule written out independently on random input", "[core]") {
    constexpr int kMaxScore = 50;  // many ties on purpose
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> score(0, kMaxScore);
    for (int round = 0; round < 50; ++round) {
        std::vector<ScoredDoc> all;
        for (braid::DocOrdinal d = 0; d < 500; ++d) all.push_back({d, static_cast<float>(score(rng))});
        std::shuffle(all.begin(), all.end(), rng);
        const std::size_t k = 1 + round * 3;
        TopKHeap heap(k);
        for (const auto& d : all) heap.push(d);
        const auto expected = best_by_counting(all, kMaxScore, k);
        REQUIRE(expected.size() == k);
        REQUIRE(heap.take_sorted() == expected);
    }
}

TEST_CASE("TopKHeap orders negative, fractional and tied scores by the rule", "[core]") {
    TopKHeap heap(5);
    for (auto d : {ScoredDoc{7, -0.5f}, ScoredDoc{3, 0.25f}, ScoredDoc{8, -2.0f}, ScoredDoc{2, -0.5f},
                   ScoredDoc{11, 0.25f}, ScoredDoc{4, -3.0f}, ScoredDoc{6, 1e-7f}}) {
        heap.push(d);
    }
    // By hand: 0.25 (3, 11), 1e-7 (6), -0.5 (2, 7); -2 and -3 fall out.
    REQUIRE(heap.take_sorted() == std::vector<ScoredDoc>{{3, 0.25f}, {11, 0.25f}, {6, 1e-7f}, {2, -0.5f}, {7, -0.5f}});
}
