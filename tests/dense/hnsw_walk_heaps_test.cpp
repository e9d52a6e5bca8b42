// The HNSW walk's heaps (dense/hnsw_walk_heaps.hpp) against the std heap algorithms they stand in
// for: the very same array after every operation, with many equal distances (where two correct
// heaps could differ), so the walk expands and keeps the same nodes as before.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "dense/hnsw_walk_heaps.hpp"
#include "tests/dense/plain_sift.hpp"

using namespace braid::dense::walk;

namespace {

// Distances from a few values only, so ties are the rule.
std::vector<Node> random_nodes(std::mt19937& rng, std::size_t count, int distinct) {
    std::uniform_int_distribution<int> value(0, distinct - 1);
    std::vector<Node> nodes;
    for (std::size_t i = 0; i < count; ++i) nodes.push_back({static_cast<float>(value(rng)) * 0.5f, static_cast<int>(i)});
    return nodes;
}

}  // namespace

TEST_CASE("pop_closest leaves the array std::pop_heap leaves, ties included", "[dense][walk]") {
    std::mt19937 rng(7);
    for (const int distinct : {1, 2, 5, 1000}) {
        for (std::size_t size = 1; size <= 70; ++size) {
            std::vector<Node> ours = random_nodes(rng, size, distinct);
            std::make_heap(ours.begin(), ours.end(), closer_first);
            std::vector<Node> theirs = ours;
            while (!ours.empty()) {
                INFO("distinct " << distinct << " size " << size << " left " << ours.size());
                REQUIRE(ours.front() == theirs.front());
                pop_closest(ours);
                std::pop_heap(theirs.begin(), theirs.end(), closer_first);
                theirs.pop_back();
                REQUIRE(ours == theirs);
            }
        }
    }
}

TEST_CASE("pop_closest interleaved with pushes, as the walk runs the candidates", "[dense][walk]") {
    std::mt19937 rng(11);
    const std::vector<Node> offered = random_nodes(rng, 5000, 7);
    std::vector<Node> ours, theirs;
    std::uniform_int_distribution<int> pushes(0, 3);
    std::size_t next = 0;
    std::size_t pops = 0;
    while (next < offered.size()) {
        for (int p = pushes(rng); p > 0 && next < offered.size(); --p, ++next) {
            for (auto* heap : {&ours, &theirs}) {
                heap->push_back(offered[next]);
                std::push_heap(heap->begin(), heap->end(), closer_first);
            }
        }
        if (!ours.empty()) {
            pop_closest(ours);
            std::pop_heap(theirs.begin(), theirs.end(), closer_first);
            theirs.pop_back();
            ++pops;
        }
        REQUIRE(ours == theirs);
    }
    CHECK(pops > 1000);
}

TEST_CASE("keep_nearest keeps the limit smallest, the same array as the branchy sift-down", "[dense][walk]") {
    std::mt19937 rng(13);
    for (const int distinct : {1, 3, 20, 100000}) {
        for (const std::size_t limit : {1, 2, 3, 10, 64, 100}) {
            const std::vector<Node> offered = random_nodes(rng, 3000, distinct);
            std::vector<Node> ours, reference;
            for (const Node& node : offered) {
                keep_nearest(ours, limit, node);
                if (reference.size() < limit) {
                    reference.push_back(node);
                    std::push_heap(reference.begin(), reference.end(), farther_first);
                } else if (node.first < reference.front().first) {
                    braid::dense::test::replace_farthest_plainly(reference, node);
                }
                REQUIRE(ours == reference);
            }
            REQUIRE(std::is_heap(ours.begin(), ours.end(), farther_first));
            std::vector<float> kept, smallest;
            for (const Node& node : ours) kept.push_back(node.first);
            for (const Node& node : offered) smallest.push_back(node.first);
            std::sort(kept.begin(), kept.end());
            std::sort(smallest.begin(), smallest.end());
            smallest.resize(limit);
            INFO("distinct " << distinct << " limit " << limit);
            CHECK(kept == smallest);
        }
    }
}
