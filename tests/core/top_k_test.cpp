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

TEST_CASE("TopKHeap matches a full sort on random input", "[core]") {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> score(0, 50);  // many ties on purpose
    for (int round = 0; round < 50; ++round) {
        std::vector<ScoredDoc> all;
        for (braid::DocOrdinal d = 0; d < 500; ++d) all.push_back({d, static_cast<float>(score(rng))});
        std::shuffle(all.begin(), all.end(), rng);
        const std::size_t k = 1 + round * 3;
        TopKHeap heap(k);
        for (const auto& d : all) heap.push(d);
        std::sort(all.begin(), all.end(), braid::ranks_before);
        all.resize(k);
        REQUIRE(heap.take_sorted() == all);
    }
}
