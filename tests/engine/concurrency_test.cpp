// Readers search while writers upsert and delete. Run alone under ThreadSanitizer with:
//   cmake -B build-tsan -DBRAID_SANITIZE=thread && build-tsan/tests/test_engine "[concurrency]"
#include <atomic>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

TEST_CASE("searches stay consistent while writers upsert and delete", "[concurrency]") {
    auto catalog = memory_catalog();
    auto schema = books_schema();
    schema.vector->rebuild_dead_ratio = 0.1;  // make background rebuilds happen during the test
    auto books = catalog->create(schema);
    constexpr int kInitial = 200, kWriters = 2, kReaders = 4, kWritesPerWriter = 400;
    for (int i = 0; i < kInitial; ++i) books->upsert(numbered("b", i), book(i));

    // Every id ever written is b<0..kInitial + kWriters*kWritesPerWriter>.
    const int max_id = kInitial + kWriters * kWritesPerWriter;
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0}, searches{0};

    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
            for (int n = 0; n < kWritesPerWriter; ++n) {
                const int i = kInitial + w * kWritesPerWriter + n;
                books->upsert(numbered("b", i), book(i));
                books->remove(numbered("b", (n * 37 + w) % i));  // delete an older one
                if (n % 10 == 0) books->bulk(boost::json::serialize(book(n)) + "\n");
            }
        });
    }
    for (int r = 0; r < kReaders; ++r) {
        threads.emplace_back([&, r] {
            int n = 0;
            while (!stop) {
                SearchRequest request;
                if (n % 3 != 1) request.query = vocabulary()[static_cast<std::size_t>(n + r) % vocabulary().size()];
                if (n % 3 != 0) request.vector = book_vector(n + r);
                request.k = 20;
                if (n % 4 == 0) request.filter = {FilterClause{"available", {true}, std::nullopt}};
                const auto response = books->search(request);
                std::set<std::string> seen;
                for (const auto& hit : response.hits) {
                    const int number = std::stoi(hit.id.substr(1));
                    const bool known = hit.id[0] == 'b' && number >= 0 && number < max_id;
                    const bool matches_document = document_of(hit).at("id").as_string() == hit.id;
                    const bool filter_ok = n % 4 != 0 || document_of(hit).at("available").as_bool();
                    if (!known || !matches_document || !filter_ok || !seen.insert(hit.id).second) ++failures;
                }
                books->get(numbered("b", n % max_id));
                books->stats();
                ++n;
                ++searches;
            }
        });
    }
    for (int w = 0; w < kWriters; ++w) threads[static_cast<std::size_t>(w)].join();
    stop = true;
    for (std::size_t t = kWriters; t < threads.size(); ++t) threads[t].join();

    CHECK(failures == 0);
    CHECK(searches > 0);
    // After the storm the indexes agree with the store.
    const auto stats = books->stats();
    SearchRequest all;
    all.vector = book_vector(1);
    all.k = 100000;
    all.filter = {FilterClause{"year", {}, RangeBounds{{}, 0.0, {}, {}}}};  // everything, searched exactly
    CHECK(books->search(all).hits.size() == stats.vectors);
    CHECK(stats.vectors == stats.documents);
}

TEST_CASE("writes during background snapshots are all recovered", "[concurrency][persistence]") {
    TempDir dir;
    const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    constexpr int kWriters = 3, kPerWriter = 150;
    std::vector<std::set<std::string>> kept(kWriters);
    {
        Catalog catalog(CatalogOptions{dir.path(), 32 << 10}, registry);  // a snapshot every 32 KiB of log
        catalog.open({books_schema()});
        auto books = catalog.get("books");
        std::atomic<bool> stop{false};
        std::thread reader([&] {
            int n = 0;
            while (!stop) {
                SearchRequest request;
                request.query = vocabulary()[static_cast<std::size_t>(n++) % vocabulary().size()];
                request.vector = book_vector(n);
                books->search(request);
            }
        });
        std::vector<std::thread> writers;
        for (int w = 0; w < kWriters; ++w) {
            writers.emplace_back([&, w] {
                for (int n = 0; n < kPerWriter; ++n) {
                    const int i = w * kPerWriter + n;
                    books->upsert(numbered("b", i), book(i));
                    kept[static_cast<std::size_t>(w)].insert(numbered("b", i));
                    if (n % 5 == 4) {
                        const int victim = i - 2;
                        books->remove(numbered("b", victim));
                        kept[static_cast<std::size_t>(w)].erase(numbered("b", victim));
                    }
                }
            });
        }
        for (auto& t : writers) t.join();
        stop = true;
        reader.join();
    }
    bool snapshot_taken = false;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "snapshots"))
        snapshot_taken |= entry.path().filename().string().rfind("snap-", 0) == 0;
    CHECK(snapshot_taken);
    Catalog reopened(CatalogOptions{dir.path(), 32 << 10}, registry);
    reopened.open({books_schema()});
    auto books = reopened.get("books");
    std::size_t expected = 0;
    for (const auto& ids : kept) {
        expected += ids.size();
        for (const auto& id : ids) CHECK(books->get(id));
    }
    CHECK(books->stats().documents == expected);
    CHECK(books->stats().vectors == expected);
}
