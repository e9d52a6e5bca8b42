#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/snapshot_manifest.hpp"
#include "storage/snapshot_store.hpp"
#include "temp_dir.hpp"

using braid::storage::SnapshotInfo;
using braid::storage::SnapshotStore;
using namespace braid::storage::testing;
namespace fs = std::filesystem;

namespace {

// Writes a snapshot at `sequence` holding docs.bin and index.bin with contents derived from it.
SnapshotInfo make_snapshot(SnapshotStore& store, std::uint64_t sequence, std::size_t keep = 2) {
    const fs::path temp = store.begin(sequence);
    braid::storage::write_file_durably(temp / "docs.bin", "documents at " + std::to_string(sequence));
    braid::storage::write_file_durably(temp / "index.bin", std::string(4096 + sequence, 'i'));
    return store.commit(sequence, temp, keep);
}

std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("snapshot: commit puts files and a MANIFEST under snap-<sequence>", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    std::vector<std::string> problems;
    CHECK_FALSE(store.latest_valid(problems).has_value());  // nothing yet, and no complaint
    CHECK(problems.empty());

    const fs::path temp = store.begin(7);
    CHECK(temp.parent_path() == root.path());
    CHECK(temp.filename().string().starts_with("tmp-snap-7-"));
    CHECK(fs::is_directory(temp));
    braid::storage::write_file_durably(temp / "docs.bin", "hello");
    const SnapshotInfo info = store.commit(7, temp);
    CHECK(info.sequence == 7);
    CHECK(info.dir == root / "snap-00000000000000000007");
    CHECK_FALSE(fs::exists(temp));
    CHECK(entries(info.dir) == std::vector<std::string>{"MANIFEST", "docs.bin"});
    CHECK(read_file(info.dir / "docs.bin") == "hello");

    const std::string manifest = read_file(info.dir / "MANIFEST");
    CHECK_THAT(manifest, Catch::StartsWith("braid-snapshot 1\nsequence 7\n"));
    // crc32c("hello") = 9a71bb4c
    CHECK_THAT(manifest, Catch::Contains("file 5 9a71bb4c docs.bin\n"));

    const auto latest = store.latest_valid(problems);
    REQUIRE(latest.has_value());
    CHECK(latest->sequence == 7);
    CHECK(latest->dir == info.dir);
    CHECK(problems.empty());
}

TEST_CASE("snapshot: only the newest `keep` survive and stale temp folders are cleaned", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    const fs::path abandoned = store.begin(3);  // a crash mid-snapshot leaves this behind
    write_file(abandoned / "docs.bin", "partial");
    make_snapshot(store, 10);
    CHECK_FALSE(fs::exists(abandoned));
    make_snapshot(store, 20);
    make_snapshot(store, 30);
    CHECK(entries(root.path()) == std::vector<std::string>{"snap-00000000000000000020", "snap-00000000000000000030"});
    make_snapshot(store, 40, 1);
    CHECK(entries(root.path()) == std::vector<std::string>{"snap-00000000000000000040"});
}

TEST_CASE("snapshot: a leftover temp folder is never taken for a snapshot", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    make_snapshot(store, 5);
    // A newer snapshot whose process died before the rename, complete with a MANIFEST.
    const fs::path temp = store.begin(9);
    write_file(temp / "docs.bin", "almost");
    write_file(temp / "MANIFEST", "braid-snapshot 1\nsequence 9\n");
    std::vector<std::string> problems;
    const auto latest = store.latest_valid(problems);
    REQUIRE(latest.has_value());
    CHECK(latest->sequence == 5);
    CHECK(problems.empty());
}

TEST_CASE("snapshot: a damaged snapshot is skipped with the name of the bad file", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    make_snapshot(store, 10);
    const SnapshotInfo newest = make_snapshot(store, 20);
    std::string expected;
    SECTION("a flipped byte") {
        REQUIRE(fs::file_size(newest.dir / "index.bin") > 100);  // (-w NoAssertions: each section asserts)
        flip_byte(newest.dir / "index.bin", 100);
        expected = "file index.bin: checksum mismatch";
    }
    SECTION("a truncated file") {
        REQUIRE(fs::file_size(newest.dir / "docs.bin") > 3);
        fs::resize_file(newest.dir / "docs.bin", 3);
        expected = "file docs.bin: size 3 bytes";
    }
    SECTION("a missing file") {
        REQUIRE(fs::remove(newest.dir / "index.bin"));
        expected = "file index.bin: missing";
    }
    SECTION("a damaged MANIFEST") {
        REQUIRE(fs::file_size(newest.dir / "MANIFEST") > 20);
        flip_byte(newest.dir / "MANIFEST", 20);
        expected = "MANIFEST checksum mismatch";
    }
    SECTION("a truncated MANIFEST") {
        REQUIRE(fs::file_size(newest.dir / "MANIFEST") > 30);
        fs::resize_file(newest.dir / "MANIFEST", 30);
        expected = "MANIFEST";
    }
    SECTION("no MANIFEST") {
        REQUIRE(fs::remove(newest.dir / "MANIFEST"));
        expected = "MANIFEST is missing";
    }
    std::vector<std::string> problems;
    const auto latest = store.latest_valid(problems);
    REQUIRE(latest.has_value());
    CHECK(latest->sequence == 10);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("snap-00000000000000000020") && Catch::Contains(expected));
}

TEST_CASE("snapshot: when every snapshot is damaged there is none, with one problem each", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    const SnapshotInfo a = make_snapshot(store, 1);
    const SnapshotInfo b = make_snapshot(store, 2);
    flip_byte(a.dir / "docs.bin", 0);
    write_file(b.dir / "MANIFEST", "garbage");
    std::vector<std::string> problems;
    CHECK_FALSE(store.latest_valid(problems).has_value());
    CHECK(problems.size() == 2);
}

TEST_CASE("snapshot: committing the same sequence again replaces it", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    make_snapshot(store, 4);
    const fs::path temp = store.begin(4);
    write_file(temp / "docs.bin", "second version");
    const SnapshotInfo info = store.commit(4, temp);
    CHECK(read_file(info.dir / "docs.bin") == "second version");
    CHECK_FALSE(fs::exists(info.dir / "index.bin"));
    CHECK(entries(root.path()) == std::vector<std::string>{"snap-00000000000000000004"});
    std::vector<std::string> problems;
    CHECK(store.latest_valid(problems)->dir == info.dir);
}

TEST_CASE("snapshot: nested folders are listed by relative path and verified", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    make_snapshot(store, 1);
    const fs::path temp = store.begin(2);
    fs::create_directories(temp / "collections" / "scifact");
    fs::create_directories(temp / "collections" / "empty");
    write_file(temp / "collections" / "scifact" / "docs.bin", "scifact documents");
    write_file(temp / "top.bin", "top");
    const SnapshotInfo info = store.commit(2, temp);
    CHECK(read_file(info.dir / "collections" / "scifact" / "docs.bin") == "scifact documents");
    CHECK(fs::is_directory(info.dir / "collections" / "empty"));
    CHECK_THAT(read_file(info.dir / "MANIFEST"), Catch::Contains(" collections/scifact/docs.bin\n"));
    std::vector<std::string> problems;
    CHECK(store.latest_valid(problems)->sequence == 2);

    flip_byte(info.dir / "collections" / "scifact" / "docs.bin", 0);
    const auto latest = store.latest_valid(problems);
    REQUIRE(latest.has_value());
    CHECK(latest->sequence == 1);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("file collections/scifact/docs.bin: checksum mismatch"));
}

TEST_CASE("snapshot: committing an older sequence removes the newer, abandoned ones", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    make_snapshot(store, 10);
    const SnapshotInfo damaged = make_snapshot(store, 20);
    flip_byte(damaged.dir / "docs.bin", 0);
    std::vector<std::string> problems;
    REQUIRE(store.latest_valid(problems)->sequence == 10);  // recovery falls back to 10 ...
    make_snapshot(store, 15);                                // ... and the next snapshot covers 15
    CHECK(entries(root.path()) == std::vector<std::string>{"snap-00000000000000000010", "snap-00000000000000000015"});
    problems.clear();
    CHECK(store.latest_valid(problems)->sequence == 15);
    CHECK(problems.empty());
}

TEST_CASE("snapshot: a MANIFEST naming a path outside the snapshot is refused", "[storage][snapshot]") {
    using namespace braid::storage;
    TempDir root;
    SnapshotStore store(root.path());
    const SnapshotInfo info = make_snapshot(store, 3);
    write_file(root / "outside.bin", "x");
    Manifest m;
    m.sequence = 3;
    m.files = {{"../outside.bin", 1, crc32c("x")}};
    write_file(info.dir / "MANIFEST", encode_manifest(m));
    std::vector<std::string> problems;
    CHECK_FALSE(store.latest_valid(problems).has_value());
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("outside the snapshot"));
}

TEST_CASE("snapshot: commit refuses symlinks and a caller-made MANIFEST", "[storage][snapshot]") {
    TempDir root;
    SnapshotStore store(root.path());
    const fs::path temp = store.begin(1);
    write_file(temp / "real.bin", "r");
    fs::create_symlink(temp / "real.bin", temp / "link.bin");
    CHECK_THROWS_AS(store.commit(1, temp), braid::Error);
    fs::remove(temp / "link.bin");
    write_file(temp / "MANIFEST", "mine");
    CHECK_THROWS_AS(store.commit(1, temp), braid::Error);
    fs::remove(temp / "MANIFEST");
    CHECK(store.commit(1, temp).sequence == 1);
}

TEST_CASE("snapshot manifest: encode and decode round trip, damage detected", "[storage][snapshot]") {
    using namespace braid::storage;
    Manifest m;
    m.sequence = 123456789012345ull;
    m.files = {{"a.bin", 10, 0xdeadbeef}, {"name with spaces.bin", 0, 0}};
    const std::string text = encode_manifest(m);
    std::string problem;
    const auto back = decode_manifest(text, problem);
    REQUIRE(back.has_value());
    CHECK(back->sequence == m.sequence);
    REQUIRE(back->files.size() == 2);
    CHECK(back->files[0].crc == 0xdeadbeef);
    CHECK(back->files[1].name == "name with spaces.bin");
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string damaged = text;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
        CHECK_FALSE(decode_manifest(damaged, problem).has_value());
    }
    CHECK_FALSE(decode_manifest("", problem).has_value());
    CHECK_FALSE(decode_manifest("checksum 00000000\n", problem).has_value());
}
