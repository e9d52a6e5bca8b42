#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cluster/shard_router.hpp"
#include "cluster/subjects.hpp"
#include "core/error.hpp"
#include "core/stable_hash.hpp"

using braid::cluster::ShardRouter;

TEST_CASE("fnv1a_64 gives the published FNV-1a 64-bit test vectors", "[cluster][router]") {
    CHECK(braid::fnv1a_64("") == 0xcbf29ce484222325ull);
    CHECK(braid::fnv1a_64("a") == 0xaf63dc4c8601ec8cull);
    CHECK(braid::fnv1a_64("foobar") == 0x85944171f73967e8ull);
}

// Golden values: a document's shard must not change between runs, builds or releases. These were
// computed by an independent implementation (Python, FNV-1a 64 then MurmurHash3 fmix64).
TEST_CASE("stable_id_hash and shard_of keep their golden values", "[cluster][router]") {
    CHECK(braid::stable_id_hash("") == 0xefd01f60ba992926ull);
    CHECK(braid::stable_id_hash("doc-1") == 0x4874a7cf46898a5eull);
    CHECK(braid::stable_id_hash("doc-2") == 0xa4837185424ce815ull);
    CHECK(braid::stable_id_hash("4983") == 0x4002997efd6ec77dull);
    CHECK(braid::stable_id_hash("\xc3\xa9t\xc3\xa9") == 0x4e86b7c4c0feda3bull);  // "été" in UTF-8

    const ShardRouter three(3);
    const ShardRouter seven(7);
    CHECK(three.shard_of("doc-1") == 2);
    CHECK(three.shard_of("doc-2") == 0);
    CHECK(three.shard_of("4983") == 0);
    CHECK(seven.shard_of("doc-1") == 1);
    CHECK(seven.shard_of("doc-2") == 3);
    CHECK(seven.shard_of("4983") == 5);
    CHECK(seven.shard_of(std::string(200, 'x')) == 4);
}

TEST_CASE("sequential ids spread evenly over the shards", "[cluster][router]") {
    for (const std::uint32_t shards : {2u, 3u, 7u, 16u}) {
        const ShardRouter router(shards);
        const int documents = 60000;
        std::vector<int> counts(shards, 0);
        for (int i = 0; i < documents; ++i) ++counts[router.shard_of("doc-" + std::to_string(i))];
        const double expected = static_cast<double>(documents) / shards;
        for (std::uint32_t s = 0; s < shards; ++s) {
            INFO("shards " << shards << ", shard " << s << ": " << counts[s] << " documents, expected " << expected);
            CHECK(counts[s] > expected * 0.95);
            CHECK(counts[s] < expected * 1.05);
        }
    }
}

TEST_CASE("one shard takes everything, zero shards is refused", "[cluster][router]") {
    const ShardRouter one(1);
    CHECK(one.shard_of("anything") == 0);
    CHECK(one.shard_of("") == 0);
    CHECK_THROWS_AS(ShardRouter(0), braid::Error);
}

TEST_CASE("collection names map to stream names and shard subjects", "[cluster][subjects]") {
    using namespace braid::cluster;
    CHECK(stream_name("scifact") == "braid_scifact");
    CHECK(shard_subject("scifact", 2) == "braid.scifact.2");
    CHECK(collection_subjects("scifact") == "braid.scifact.*");
    // '.' separates subject tokens and is not allowed in stream names.
    CHECK(stream_name("docs.v2") == "braid_docs~v2");
    CHECK(shard_subject("docs.v2", 0) == "braid.docs~v2.0");
    CHECK(shard_of_subject("braid.docs~v2.13") == 13u);
    CHECK_FALSE(shard_of_subject("braid.docs.x").has_value());
    CHECK_FALSE(shard_of_subject("other.docs.1").has_value());
    CHECK(trim_subject("docs.v2", 3) == "braid.docs~v2.trim.3");
    CHECK(trim_subject("docs", std::nullopt) == "braid.docs.trim.all");
    CHECK_FALSE(shard_of_subject("braid.docs.trim.3").has_value());
    CHECK_THROWS_AS(stream_name("a b"), braid::Error);
    CHECK_THROWS_AS(stream_name("a*"), braid::Error);
    CHECK_THROWS_AS(stream_name(""), braid::Error);
}
