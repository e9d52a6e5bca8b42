#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "cluster/replication_record.hpp"
#include "cluster/snapshot_archive.hpp"
#include "core/error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::cluster;
namespace fs = std::filesystem;

TEST_CASE("replication records round-trip, ids with any bytes included", "[cluster][records]") {
    const std::string odd_id = std::string("a:1\n") + '\0' + "é";
    for (const ReplicationRecord& record :
         {ReplicationRecord{RecordKind::upsert, "doc-1", R"({"title":"x"})"},
          ReplicationRecord{RecordKind::upsert, odd_id, R"({"n":12})"},
          ReplicationRecord{RecordKind::remove, odd_id, ""},
          ReplicationRecord{RecordKind::bulk, "", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"}}) {
        const auto decoded = decode_record(encode_record(record));
        CHECK(decoded.kind == record.kind);
        CHECK(decoded.id == record.id);
        CHECK(decoded.body == record.body);
    }
}

TEST_CASE("bytes that are not a record are refused, never read past their end", "[cluster][records]") {
    for (const std::string bytes : {"", "Z", "U", "U5:ab", "Uxx:ab", "U:ab", "D3:abcd", "U99999999999999999999999:a"}) {
        INFO(bytes);
        try {
            (void)decode_record(bytes);
            FAIL("expected corrupt_record");
        } catch (const braid::Error& e) {
            CHECK(e.type() == "corrupt_record");
        }
    }
}

TEST_CASE("a snapshot folder packs into one body and unpacks to the same files", "[cluster][snapshot]") {
    const braid::test_support::TempDir dir("braid-archive");
    const fs::path source = dir.path() / "source";
    fs::create_directories(source / "dense");
    std::ofstream(source / "schema.json") << R"({"name":"docs"})";
    std::ofstream(source / "dense" / "index.bin", std::ios::binary) << std::string("\0\n12\nbinary", 11);
    std::ofstream(source / "empty.txt");
    const std::string archive = pack_snapshot(source);

    const fs::path target = dir.path() / "target";
    unpack_snapshot(archive, target);
    for (const char* name : {"schema.json", "dense/index.bin", "empty.txt"}) {
        INFO(name);
        std::ifstream a(source / name, std::ios::binary), b(target / name, std::ios::binary);
        REQUIRE(b.good());
        CHECK(std::string(std::istreambuf_iterator<char>(a), {}) == std::string(std::istreambuf_iterator<char>(b), {}));
    }
    CHECK(pack_snapshot(target) == archive);

    // A peer's body that would write outside the folder, or lies about its sizes, is refused.
    for (const std::string bad : {"../evil\n1\nx", "/etc/evil\n1\nx", "a\n5\nab", "a\nxyz\nab", "no-newline"}) {
        INFO(bad);
        CHECK_THROWS_AS(unpack_snapshot(bad, dir.path() / "bad"), braid::Error);
    }
    CHECK_FALSE(fs::exists(dir.path() / "evil"));
}
