// The HNSW walk's visited marks (dense/visited_marks.hpp): one table reused across walks by
// epoch, through the epoch's wrap and as the graph grows.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "dense/visited_marks.hpp"

using namespace braid::dense;

TEST_CASE("a walk sees each node once and the next walk starts with nothing visited", "[dense][walk]") {
    VisitedMarks marks;
    for (int walk = 0; walk < 3; ++walk) {
        const VisitedView view = marks.start(50);
        for (std::int32_t node = 0; node < 50; node += 2) CHECK_FALSE(view.visited(node));
        for (std::int32_t node = 0; node < 50; node += 2) CHECK(view.first_visit(node));
        for (std::int32_t node = 0; node < 50; ++node) {
            CHECK(view.visited(node) == (node % 2 == 0));
            CHECK(view.first_visit_flag(node) == (node % 2 == 0 ? 0u : 1u));
            CHECK_FALSE(view.first_visit(node));
        }
    }
}

TEST_CASE("visited marks stay exact through the epoch's wrap (more than 65,535 walks)", "[dense][walk]") {
    VisitedMarks marks;
    constexpr std::int32_t kNodes = 64;
    std::uint64_t wrong = 0;
    for (std::uint32_t walk = 0; walk < 3 * 65536 + 10; ++walk) {
        const VisitedView view = marks.start(kNodes);
        // Whatever an earlier walk marked looks fresh again, also marks left since the first
        // walk (which marks every node; later walks mark two of the first eight).
        for (std::int32_t n = 0; n < kNodes; ++n) wrong += view.visited(n) ? 1 : 0;
        if (walk == 0) {
            for (std::int32_t n = 0; n < kNodes; ++n) view.first_visit(n);
            continue;
        }
        const auto node = static_cast<std::int32_t>(walk % 8);
        const auto other = static_cast<std::int32_t>((walk * 3 + 1) % 8);
        wrong += view.first_visit_flag(node) == 1 ? 0 : 1;
        wrong += view.first_visit_flag(node) == 0 ? 0 : 1;
        if (other != node) wrong += view.first_visit(other) ? 0 : 1;
    }
    CHECK(wrong == 0);
}

TEST_CASE("visited marks grow with the graph, and the new nodes start unvisited", "[dense][walk]") {
    VisitedMarks marks;
    {
        const VisitedView view = marks.start(10);
        for (std::int32_t node = 0; node < 10; ++node) CHECK(view.first_visit(node));
    }
    for (const std::size_t nodes : {11u, 1000u, 70000u}) {
        const VisitedView view = marks.start(nodes);
        std::size_t fresh = 0;
        for (std::size_t node = 0; node < nodes; ++node) fresh += view.first_visit_flag(static_cast<std::int32_t>(node));
        CHECK(fresh == nodes);
        for (std::size_t node = 0; node < nodes; ++node) CHECK(view.visited(static_cast<std::int32_t>(node)));
    }
    const VisitedView smaller = marks.start(5);  // a smaller graph (another index) reuses the table
    for (std::int32_t node = 0; node < 5; ++node) CHECK(smaller.first_visit(node));
}
