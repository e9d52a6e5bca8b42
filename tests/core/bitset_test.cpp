#include <catch2/catch.hpp>

#include <set>
#include <random>

#include "core/bitset.hpp"
#include "core/error.hpp"

TEST_CASE("Bitset set, reset, test and count agree with std::set", "[core]") {
    braid::Bitset bits;
    std::set<std::size_t> oracle;
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pos(0, 1000);
    for (int i = 0; i < 5000; ++i) {
        const auto p = pos(rng);
        if (rng() % 3 == 0) {
            bits.reset(p);
            oracle.erase(p);
        } else {
            bits.set(p);
            oracle.insert(p);
        }
    }
    REQUIRE(bits.count() == oracle.size());
    for (std::size_t p = 0; p <= 1100; ++p) REQUIRE(bits.test(p) == (oracle.count(p) == 1));
}

TEST_CASE("Bitset set_all stays inside its size and intersects", "[core]") {
    braid::Bitset a(70);
    a.set_all();
    REQUIRE(a.count() == 70);
    REQUIRE_FALSE(a.test(70));
    braid::Bitset b(130);
    b.set(3);
    b.set(69);
    b.set(100);
    a &= b;
    REQUIRE(a.count() == 2);
    a |= b;
    REQUIRE(a.count() == 3);
    REQUIRE(a.size() == 130);
    a.resize(50);
    REQUIRE(a.count() == 1);
}

TEST_CASE("Error carries its kind, type and JSON path", "[core]") {
    const braid::Error e(braid::ErrorKind::not_found, "collection_not_found", "no collection \"x\"", "name");
    REQUIRE(e.kind() == braid::ErrorKind::not_found);
    REQUIRE(e.type() == "collection_not_found");
    REQUIRE(e.path() == "name");
    REQUIRE(std::string(e.what()) == "no collection \"x\"");
    REQUIRE(braid::error_kind_name(braid::ErrorKind::payload_too_large) == "payload_too_large");
}
