#include <catch2/catch.hpp>

#include <random>

#include "core/ordinal_remap.hpp"

using braid::Bitset;
using braid::DocOrdinal;
using braid::kNoDoc;
using braid::OrdinalRemap;

TEST_CASE("A compacting remap numbers live ordinals by rank and drops the others", "[core][remap]") {
    Bitset live;
    for (std::size_t o : {1, 2, 5, 64, 65, 130}) live.set(o);
    const auto remap = OrdinalRemap::compacting(live, 200);
    CHECK(remap.old_end() == 200);
    CHECK(remap.new_end() == 6);
    CHECK(remap(0) == kNoDoc);
    CHECK(remap(1) == 0);
    CHECK(remap(2) == 1);
    CHECK(remap(5) == 2);
    CHECK(remap(64) == 3);
    CHECK(remap(65) == 4);
    CHECK(remap(130) == 5);
    CHECK(remap(131) == kNoDoc);
    CHECK(remap(500) == kNoDoc);  // past old_end
    CHECK_FALSE(remap.keeps(3));
    const Bitset moved = remap.apply(live);
    CHECK(moved.size() == 6);
    CHECK(moved.count() == 6);
}

TEST_CASE("A compacting remap is monotone and ignores members at or past end", "[core][remap]") {
    std::mt19937 rng(11);
    Bitset live;
    for (std::size_t o = 0; o < 5000; ++o)
        if (rng() % 3 == 0) live.set(o);
    const auto remap = OrdinalRemap::compacting(live, 4000);
    DocOrdinal last = 0;
    std::size_t kept = 0;
    for (DocOrdinal o = 0; o < 5000; ++o) {
        if (!remap.keeps(o)) {
            CHECK((o >= 4000 || !live.test(o)));
            continue;
        }
        CHECK(o < 4000);
        if (kept > 0) CHECK(remap(o) == last + 1);
        last = remap(o);
        ++kept;
    }
    CHECK(remap.new_end() == kept);
}

TEST_CASE("A keeping remap keeps live numbers and drops dead ones", "[core][remap]") {
    Bitset live;
    live.set(3);
    live.set(70);
    const auto remap = OrdinalRemap::keeping(live, 100);
    CHECK(remap.new_end() == 100);
    CHECK(remap(3) == 3);
    CHECK(remap(70) == 70);
    CHECK(remap(4) == kNoDoc);
    Bitset other;
    other.set(3);
    other.set(4);
    const Bitset moved = remap.apply(other);
    CHECK(moved.size() == 100);
    CHECK(moved.test(3));
    CHECK_FALSE(moved.test(4));
}
