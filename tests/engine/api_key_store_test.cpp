#include <catch2/catch.hpp>

#include <fstream>

#include "core/error.hpp"
#include "engine/api_key_store.hpp"
#include "tests/support/temp_dir.hpp"

using braid::engine::ApiKeyRecord;
using braid::engine::ApiKeyStore;

namespace {

ApiKeyRecord record(const std::string& id, const std::string& hash) {
    ApiKeyRecord key;
    key.id = id;
    key.secret_sha256 = hash;
    key.actions = {"search"};
    key.collections = {"docs*"};
    key.expires_at = 4102444800;
    key.created_at = 1700000000;
    key.description = "a \"quoted\" note";
    return key;
}

}  // namespace

TEST_CASE("created keys are kept in keys.json and read back whole", "[keys]") {
    braid::test_support::TempDir dir;
    const auto file = dir.path() / "keys.json";
    {
        ApiKeyStore store(file);
        store.add(record("k_1", "aa"));
        store.add(record("k_2", "bb"));
        CHECK_THROWS_AS(store.add(record("k_1", "cc")), braid::Error);
        CHECK(store.remove("k_1"));
        CHECK_FALSE(store.remove("k_1"));
    }
    ApiKeyStore again(file);
    REQUIRE(again.list().size() == 1);
    CHECK(again.list()[0] == record("k_2", "bb"));
    CHECK(again.find_by_hash("bb")->id == "k_2");
    CHECK_FALSE(again.find_by_hash("aa"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "keys.json.tmp"));
}

TEST_CASE("a damaged keys.json is an error, not an empty set of keys", "[keys]") {
    braid::test_support::TempDir dir;
    std::ofstream(dir.path() / "keys.json") << "{\"keys\": [{\"id\": 3}]}";
    CHECK_THROWS_AS(ApiKeyStore(dir.path() / "keys.json"), braid::Error);
}
