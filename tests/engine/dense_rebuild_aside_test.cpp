// A dense index rebuild is built aside: while it builds, writes (including ones that renumber
// ordinals) complete and searches answer from the old index; the new index then holds exactly
// the vectors the collection holds. Run under ThreadSanitizer with the other [concurrency] tests.
#include <atomic>
#include <cmath>
#include <future>
#include <map>

#include <catch2/catch.hpp>

#include "engine/local_collection.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

// Version v of book i: its own vector, so a stale vector is told from the current one.
boost::json::object version(int i, int v) {
    auto doc = book(i);
    doc["embedding"].as_array()[3] = 0.3 + 0.1 * (i % 7) + 0.013 * v;
    return doc;
}

std::vector<float> vector_of(const boost::json::object& doc) {
    std::vector<float> out;
    for (const auto& x : doc.at("embedding").as_array()) out.push_back(static_cast<float>(x.to_number<double>()));
    return out;
}

std::string top_dense_hit(const LocalCollection& books, const std::vector<float>& vector) {
    SearchRequest request;
    request.vector = vector;
    request.k = 1;
    request.ef_search = 200;
    const auto found = ids(books.search(request));
    return found.empty() ? std::string() : found.front();
}

}  // namespace

TEST_CASE("a dense rebuild runs aside while writes and searches go on", "[concurrency][rebuild]") {
    auto schema = books_schema();
    schema.vector->rebuild_dead_ratio = 0.2;
    const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    LocalCollection books(schema, registry);

    std::promise<void> held;
    std::atomic<bool> held_signalled{false};
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> rebuilds{0};
    books.set_rebuild_hook([&] {
        ++rebuilds;
        if (!held_signalled.exchange(true)) held.set_value();
        released.wait();  // the first rebuild waits here, built but not yet swapped in
    });

    std::map<std::string, boost::json::object> current;  // what the collection must hold
    const auto put = [&](int i, int v) {
        const auto doc = version(i, v);
        books.upsert(numbered("b", i), doc);
        current[numbered("b", i)] = doc;
    };
    const auto drop = [&](int i) {
        books.remove(numbered("b", i));
        current.erase(numbered("b", i));
    };
    for (int i = 0; i < 300; ++i) put(i, 0);
    for (int i = 0; i < 300; i += 3) drop(i);  // a third dead: passes the 0.2 ratio, a rebuild starts
    held.get_future().wait();

    // The rebuild is held: writes still complete (a rebuild holding the writers back would
    // deadlock here) and searches answer, from the old index.
    for (int round = 1; round <= 16; ++round) {
        for (int i = 1; i < 300; i += 3) put(i, round);  // 1,600 rewrites: the ordinals get renumbered
    }
    for (int i = 300; i < 340; ++i) put(i, 0);
    for (int i = 2; i < 60; i += 3) drop(i);
    CHECK(top_dense_hit(books, vector_of(current.at("b305"))) == "b305");
    CHECK(top_dense_hit(books, vector_of(current.at("b100"))) == "b100");
    CHECK(books.next_ordinal() < 300 + 1600 + 40);  // ordinal compaction ran meanwhile

    release.set_value();
    books.wait_for_dense_rebuild();
    CHECK(rebuilds.load() >= 1);

    const CollectionStats stats = books.stats();
    CHECK(stats.documents == current.size());
    CHECK(stats.vectors == current.size());
    for (const auto& [id, doc] : current) {
        const auto stored = books.get(id);
        REQUIRE(stored);
        const auto got = vector_of(stored->as_object());
        const auto sent = vector_of(doc);
        REQUIRE(got.size() == sent.size());
        for (std::size_t j = 0; j < got.size(); ++j) REQUIRE(got[j] == Approx(sent[j]).margin(1e-5));
    }
    for (const char* id : {"b1", "b301", "b339", "b250", "b64"}) {
        CHECK(top_dense_hit(books, vector_of(current.at(id))) == id);
    }
}
