#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "http/caller.hpp"
#include "http/key_secret.hpp"

using namespace braid::http;

TEST_CASE("collection patterns: * matches any run of characters", "[keys]") {
    CHECK(glob_match("*", ""));
    CHECK(glob_match("*", "docs"));
    CHECK(glob_match("docs*", "docs"));
    CHECK(glob_match("docs*", "docs-2024"));
    CHECK(glob_match("*-2024", "docs-2024"));
    CHECK(glob_match("d*s*4", "docs-2024"));
    CHECK_FALSE(glob_match("docs", "docs2"));
    CHECK_FALSE(glob_match("docs*", "doc"));
    CHECK_FALSE(glob_match("*x", "docs"));
    const Caller key{false, {"a*", "exact"}};
    CHECK(key.may_use("apple"));
    CHECK(key.may_use("exact"));
    CHECK_FALSE(key.may_use("exactly"));
    CHECK(Caller{}.may_use("anything"));
}

TEST_CASE("actions parse by name - secrets are random, hashes are SHA-256", "[keys]") {
    CHECK(parse_action("documents.write", "a") == Action::documents_write);
    CHECK(action_name(Action::collections_read) == "collections.read");
    CHECK_THROWS_AS(parse_action("admin", "a"), braid::Error);  // only the admin key manages keys
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2 example
    const auto a = new_key_secret(), b = new_key_secret();
    CHECK(a != b);
    CHECK(a.size() == 6 + 43);
    CHECK(new_key_id().size() == 14);
}
