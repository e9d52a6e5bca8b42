#include <algorithm>
#include <fstream>

#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "engine/local_collection.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

std::unique_ptr<Catalog> disk_catalog(const std::filesystem::path& dir, std::uint64_t snapshot_every = 256ull << 20,
                                      const std::vector<config::CollectionConfig>& configured = {}) {
    auto catalog = std::make_unique<Catalog>(CatalogOptions{dir, snapshot_every},
                                             analyzers::AnalyzerRegistry::with_builtins());
    catalog->open(configured);
    return catalog;
}

// Writes a known history: creates, upserts, replaces, deletes, bulk, a dropped collection.
void write_history(Catalog& catalog) {
    auto books = catalog.create(books_schema());
    for (int i = 0; i < 50; ++i) books->upsert(numbered("b", i), book(i));
    auto replaced = book(100);
    replaced["id"] = "b3";
    books->upsert("b3", replaced);
    books->remove("b7");
    books->remove("b8");
    std::string body;
    for (int i = 50; i < 60; ++i) body += boost::json::serialize(book(i)) + "\n";
    body += "not json\n";
    CHECK(books->bulk(body).indexed == 10);
    auto scratch = catalog.create(books_schema("scratch", 0));
    scratch->upsert("b1", book(1));
    catalog.drop("scratch");
    catalog.create(books_schema("notes", 0))->upsert("b2", book(2));
}

void check_history(Catalog& catalog) {
    const auto listed = catalog.list();
    REQUIRE(listed.size() == 2);
    CHECK(listed[0] == std::pair<std::string, std::size_t>{"books", 58});
    CHECK(listed[1] == std::pair<std::string, std::size_t>{"notes", 1});
    auto books = catalog.get("books");
    auto replaced = book(100);
    replaced["id"] = "b3";
    CHECK(same_document(*books->get("b3"), as_parsed(replaced)));
    CHECK_FALSE(books->get("b7"));
    CHECK_FALSE(books->get("b8"));
    for (int i : {0, 1, 49, 50, 59}) CHECK(same_document(*books->get(numbered("b", i)), as_parsed(book(i))));
    CHECK(books->stats().vectors == 58);

    // The indexes answer like a freshly built collection.
    auto fresh_catalog = memory_catalog();
    auto fresh = fresh_catalog->create(books_schema());
    for (int i = 0; i < 60; ++i)
        if (i != 3 && i != 7 && i != 8) fresh->upsert(numbered("b", i), book(i));
    fresh->upsert("b3", replaced);
    SearchRequest r;
    r.query = "forest ocean";
    r.vector = book_vector(9);
    r.k = 20;
    r.filter = {FilterClause{"year", {}, RangeBounds{{}, 2004.0, {}, {}}}};
    const auto got = books->search(r), expected = fresh->search(r);
    CHECK(ids(got) == ids(expected));
    REQUIRE(got.hits.size() == expected.hits.size());
    for (std::size_t i = 0; i < got.hits.size(); ++i) CHECK(got.hits[i].score == Approx(expected.hits[i].score));
    CHECK(catalog.get("notes")->get("b2"));
}

}  // namespace

TEST_CASE("every write survives a restart through log replay alone", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path());
        write_history(*catalog);
    }
    auto reopened = disk_catalog(dir.path());
    check_history(*reopened);
}

TEST_CASE("a snapshot plus the log after it restores everything", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path());
        write_history(*catalog);
        catalog->snapshot();
        // Writes after the snapshot are in the log only.
        auto books = catalog->get("books");
        books->upsert("b70", book(70));
        books->remove("b70");
        books->upsert("b71", book(71));
        books->remove("b71");
    }
    CHECK(std::filesystem::exists(dir.path() / "snapshots"));
    {
        auto reopened = disk_catalog(dir.path());
        check_history(*reopened);
        // A second generation: writes after recovery are kept as well.
        reopened->get("notes")->upsert("b3", book(3));
        reopened->snapshot();
    }
    auto again = disk_catalog(dir.path());
    CHECK(again->get("notes")->get("b3"));
    CHECK(again->get("books")->stats().documents == 58);
}

TEST_CASE("snapshots taken automatically by log size keep every write", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path(), 16 << 10);  // a snapshot every 16 KiB of log
        write_history(*catalog);
        auto notes = catalog->get("notes");
        for (int i = 0; i < 200; ++i) notes->upsert(numbered("b", 1000 + i), book(1000 + i));
    }
    bool snapshot_taken = false;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "snapshots"))
        snapshot_taken |= entry.path().filename().string().rfind("snap-", 0) == 0;
    CHECK(snapshot_taken);
    auto reopened = disk_catalog(dir.path());
    CHECK(reopened->get("notes")->stats().documents == 201);
    CHECK(reopened->get("books")->stats().documents == 58);
}

TEST_CASE("a damaged lexical index in a snapshot is rebuilt from the documents", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path());
        write_history(*catalog);
        catalog->snapshot();
    }
    // Corrupt lexical.bin in a way the snapshot MANIFEST cannot catch: rewrite it and its checksum
    // is wrong, so the whole snapshot is skipped; instead check the re-index path directly.
    std::filesystem::path snapshot;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "snapshots"))
        if (entry.path().filename().string().rfind("snap-", 0) == 0) snapshot = entry.path();
    REQUIRE_FALSE(snapshot.empty());
    const auto books_dir = snapshot / "collections" / "books";
    REQUIRE(std::filesystem::exists(books_dir / "lexical.bin"));
    auto copy = dir.path() / "copy";
    std::filesystem::copy(books_dir, copy, std::filesystem::copy_options::recursive);
    std::ofstream(copy / "lexical.bin", std::ios::trunc) << "garbage";
    auto collection = LocalCollection::load_snapshot(copy, analyzers::AnalyzerRegistry::with_builtins());
    CHECK(collection->stats().documents == 58);
    SearchRequest r;
    r.query = "forest";
    CHECK_FALSE(collection->search(r).hits.empty());
}

TEST_CASE("configured collections are created when absent and checked when stored", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path(), 256ull << 20, {books_schema()});
        catalog->get("books")->upsert("b1", book(1));
    }
    {
        auto same = disk_catalog(dir.path(), 256ull << 20, {books_schema()});
        CHECK(same->get("books")->get("b1"));
    }
    auto changed = books_schema();
    changed.fields[0].analyzer = "standard";
    try {
        disk_catalog(dir.path(), 256ull << 20, {changed});
        FAIL("no schema conflict reported");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::conflict);
        CHECK(e.type() == "schema_conflict");
        CHECK_THAT(std::string(e.what()), Catch::Contains("\"books\""));
        CHECK_THAT(std::string(e.what()), Catch::Contains("analyzer"));
    }
}

namespace {

std::vector<std::filesystem::path> entries_starting_with(const std::filesystem::path& dir, const std::string& prefix) {
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().rfind(prefix, 0) == 0) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a torn record at the log's tail is cut off and the rest recovered", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path());
        write_history(*catalog);
        catalog->get("books")->upsert("b90", book(90));  // the last record, torn below
    }
    const auto segments = entries_starting_with(dir.path() / "wal", "wal-");
    REQUIRE_FALSE(segments.empty());
    const auto last = segments.back();
    std::filesystem::resize_file(last, std::filesystem::file_size(last) - 5);
    {
        auto reopened = disk_catalog(dir.path());
        check_history(*reopened);
        CHECK_FALSE(reopened->get("books")->get("b90"));
        reopened->get("books")->upsert("b91", book(91));  // the log is writable after the cut
    }
    auto again = disk_catalog(dir.path());
    CHECK(again->get("books")->get("b91"));
    CHECK(again->get("books")->stats().documents == 59);
}

TEST_CASE("a damaged newest snapshot falls back to the previous one plus the log", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path());
        auto books = catalog->create(books_schema());
        for (int i = 0; i < 20; ++i) books->upsert(numbered("b", i), book(i));
        catalog->snapshot();
        for (int i = 20; i < 40; ++i) books->upsert(numbered("b", i), book(i));
        books->remove("b5");
        catalog->snapshot();
        for (int i = 40; i < 45; ++i) books->upsert(numbered("b", i), book(i));
    }
    const auto snapshots = entries_starting_with(dir.path() / "snapshots", "snap-");
    REQUIRE(snapshots.size() == 2);
    const auto documents = snapshots.back() / "collections" / "books" / "documents.jsonl";
    {
        std::fstream file(documents, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(10);
        file.put('#');
    }
    auto reopened = disk_catalog(dir.path());
    auto books = reopened->get("books");
    CHECK(books->stats().documents == 44);
    CHECK_FALSE(books->get("b5"));
    for (int i : {0, 19, 20, 39, 44}) CHECK(books->get(numbered("b", i)));
}

TEST_CASE("snapshots in a row without writes between them are harmless", "[persistence]") {
    TempDir dir;
    {
        auto catalog = disk_catalog(dir.path());
        write_history(*catalog);
        catalog->snapshot();
        catalog->snapshot();
    }
    {
        auto reopened = disk_catalog(dir.path());
        reopened->snapshot();  // right after recovery, nothing new
        check_history(*reopened);
    }
    auto again = disk_catalog(dir.path());
    check_history(*again);
}
